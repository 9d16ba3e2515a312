import "server-only";
import { randomUUID } from "node:crypto";
import type { LeaseTarget, PublishLease } from "@/lib/server/engine/publish-lease";
import { holdLease, type LeaseSlot, type LeaseTiming } from "./lease-loop";
import type { SharedCache } from "./shared-cache";

export interface MemcachedLeaseOptions extends LeaseTiming {
  cache: SharedCache;
}

/**
 * A publish lease in memcached: `add` (atomic: only one replica creates the key) with a TTL, renewed
 * and released by `holdLease`.
 */
export class MemcachedLease implements PublishLease {
  constructor(private readonly options: MemcachedLeaseOptions) {}

  hold<T>(target: LeaseTarget, task: () => Promise<T>): Promise<T> {
    return holdLease(new MemcachedSlot(this.options, `lease:${target.key}`), target.key, this.options, task);
  }
}

class MemcachedSlot implements LeaseSlot {
  /** This hold's mark: a renewal and a release touch only the entry that carries it. */
  private readonly me = randomUUID();

  constructor(
    private readonly options: MemcachedLeaseOptions,
    private readonly entry: string,
  ) {}

  take(): Promise<boolean> {
    return this.options.cache.add(this.entry, this.me, this.options.ttlSeconds);
  }

  /**
   * memjs has no CAS: between the read and the write the lease could expire and be taken, but that
   * needs this holder to miss two renewals in a row (2/3 of the TTL).
   */
  async renew(): Promise<boolean> {
    const current = await this.options.cache.get(this.entry);
    if (current === undefined) return this.take();
    if (current !== this.me) return false;
    await this.options.cache.set(this.entry, this.me, this.options.ttlSeconds);
    return true;
  }

  async release(): Promise<void> {
    if ((await this.options.cache.get(this.entry)) === this.me) await this.options.cache.delete(this.entry);
  }
}
