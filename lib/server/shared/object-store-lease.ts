import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { LeaseTarget, PublishLease } from "@/lib/server/engine/publish-lease";
import {
  isNotFound,
  isObjectExists,
  isObjectStoreError,
  type ObjectStore,
} from "@/lib/server/object-store/object-store";
import { holdLease, type LeaseSlot, type LeaseTiming } from "./lease-loop";

export interface ObjectStoreLeaseOptions extends LeaseTiming {
  /** The store the replicas publish into (the lease object sits beside the log's metafile). */
  store: ObjectStore;
  /**
   * How long a fresh lease settles before it counts as ours. Swift may accept several overlapping
   * `If-None-Match: *` puts of one name and keep the newest, so a taker reads the lease back once any
   * racing put has landed: it lands within its own request, a few milliseconds for a lease's bytes.
   * 0 for a store whose create-only put lets exactly one win (the local store).
   */
  settleMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const md5 = (bytes: Buffer) => createHash("md5").update(bytes).digest("hex");

/**
 * A publish lease without memcached, for replicas that share one object store (the embedded service
 * on Swift): an object created only if absent (`If-None-Match: *`) that expires by itself
 * (`X-Delete-After`: the TTL; an expired object is gone for Swift at once, whenever its expirer runs),
 * renewed and released by `holdLease`.
 */
export class ObjectStoreLease implements PublishLease {
  constructor(private readonly options: ObjectStoreLeaseOptions) {}

  hold<T>(target: LeaseTarget, task: () => Promise<T>): Promise<T> {
    return holdLease(new LeaseObject(this.options, target), target.key, this.options, task);
  }
}

class LeaseObject implements LeaseSlot {
  /** A random mark per hold (nothing about this host): its md5 tells our lease object from another's. */
  private readonly body = Buffer.from(`${randomUUID()}\n`);
  private readonly etag = md5(this.body);

  constructor(
    private readonly options: ObjectStoreLeaseOptions,
    private readonly target: LeaseTarget,
  ) {}

  async take(): Promise<boolean> {
    if (!(await this.create())) return false;
    if (this.options.settleMs === 0) return true;
    await sleep(this.options.settleMs);
    return (await this.holder()) === this.etag;
  }

  private async create(): Promise<boolean> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.put(true);
        return true;
      } catch (error) {
        // 409: Swift found a newer version of the name as it wrote ours (another taker's).
        if (isObjectExists(error) || (isObjectStoreError(error) && error.status === 409)) return false;
        if (!isNotFound(error) || attempt > 0) throw error;
        // No container yet (nothing published): the publish creates this one anyway.
        await this.options.store.putContainer(this.target.account, this.target.container);
      }
    }
  }

  /**
   * Not conditional (Swift's PUT knows no If-Match): between the read and the write the lease could
   * expire and be taken, but that needs this holder to miss two renewals in a row (2/3 of the TTL).
   */
  async renew(): Promise<boolean> {
    const holder = await this.holder();
    if (holder === undefined) return this.take();
    if (holder !== this.etag) return false;
    await this.put(false);
    return true;
  }

  async release(): Promise<void> {
    if ((await this.holder()) !== this.etag) return;
    const { account, container, object } = this.target;
    await this.options.store.deleteObject(account, container, object).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }

  /** The etag of the live lease object, or undefined when there is none (never taken, released, expired). */
  private async holder(): Promise<string | undefined> {
    const { account, container, object } = this.target;
    try {
      return (await this.options.store.headObject(account, container, object)).etag;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private put(createOnly: boolean) {
    const { account, container, object } = this.target;
    return this.options.store.putObject(account, container, object, this.body, {
      contentType: "text/plain",
      deleteAfter: this.options.ttlSeconds,
      ...(createOnly && { ifNoneMatch: "*" as const }),
    });
  }
}
