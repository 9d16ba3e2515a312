import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { EngineError } from "@/lib/server/engine/errors";
import type { PublishLease } from "@/lib/server/engine/publish-lease";
import type { SharedCache } from "./shared-cache";

export interface MemcachedLeaseOptions {
  cache: SharedCache;
  /** Seconds a lease lives without renewal: how long a crashed holder blocks the others. */
  ttlSeconds: number;
  /** How long a publish waits for another replica's to finish before answering 409. */
  maxWaitMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A publish lease in memcached: `add` (atomic: only one replica creates the key) with a TTL, renewed
 * every third of it while the publish runs, deleted when it ends. A holder that dies stops renewing,
 * and the lease expires after at most `ttlSeconds`; the next holder re-reads what was published
 * (GuestLogFile.publish) and continues from there, so nothing is uploaded twice.
 */
export class MemcachedLease implements PublishLease {
  private readonly holder = `${hostname()}:${process.pid}:${randomBytes(6).toString("hex")}`;

  constructor(private readonly options: MemcachedLeaseOptions) {}

  async hold<T>(key: string, task: () => Promise<T>): Promise<T> {
    const { cache, ttlSeconds, maxWaitMs } = this.options;
    const entry = `lease:${key}`;
    const me = `${this.holder}:${randomBytes(4).toString("hex")}`;
    const deadline = Date.now() + maxWaitMs;
    while (!(await cache.add(entry, me, ttlSeconds))) {
      if (Date.now() >= deadline) {
        throw new EngineError(
          "conflict",
          `Log '${key}' is being published by another dashboard replica; try again when it is done.`,
        );
      }
      await sleep(Math.min(500, (ttlSeconds * 1000) / 4));
    }
    const renewal = setInterval(() => void this.renew(entry, me), (ttlSeconds * 1000) / 3);
    try {
      return await task();
    } finally {
      clearInterval(renewal);
      await this.release(entry, me);
    }
  }

  /**
   * Only our own lease is extended. memjs has no CAS: between the read and the write the lease could
   * expire and be taken, but that needs this holder to miss two renewals in a row (2/3 of the TTL).
   */
  private async renew(entry: string, me: string): Promise<void> {
    try {
      if ((await this.options.cache.get(entry)) === me) {
        await this.options.cache.set(entry, me, this.options.ttlSeconds);
      } else {
        console.warn(`[trove-logs] publish lease ${entry} was lost (expired while this replica held it)`);
      }
    } catch (error) {
      console.warn(`[trove-logs] could not renew a publish lease: ${(error as Error).message}`);
    }
  }

  private async release(entry: string, me: string): Promise<void> {
    try {
      if ((await this.options.cache.get(entry)) === me) await this.options.cache.delete(entry);
    } catch (error) {
      // It expires on its own.
      console.warn(`[trove-logs] could not release a publish lease: ${(error as Error).message}`);
    }
  }
}
