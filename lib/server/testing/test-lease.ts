import "server-only";
import type { PublishLease } from "@/lib/server/engine/publish-lease";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { testSharedCache } from "@/lib/server/shared/memcached-test-env";
import { MemcachedLease } from "@/lib/server/shared/memcached-lease";
import { ObjectStoreLease } from "@/lib/server/shared/object-store-lease";

/** A replica's lease as the lease tests and their child processes build it (passed to a child as JSON). */
export type TestLeaseSpec = { ttlSeconds: number } & (
  { kind: "memcached"; namespace: string } | { kind: "object-store"; settleMs: number }
);

/** One replica's lease: its own memcached client, or the store it publishes into. */
export function makeTestLease(
  spec: TestLeaseSpec,
  store: ObjectStore,
): { lease: PublishLease; close(): void } {
  const timing = { ttlSeconds: spec.ttlSeconds, maxWaitMs: 60_000 };
  if (spec.kind === "object-store") {
    return { lease: new ObjectStoreLease({ store, settleMs: spec.settleMs, ...timing }), close: () => {} };
  }
  const cache = testSharedCache(spec.namespace);
  return { lease: new MemcachedLease({ cache, ...timing }), close: () => cache.close() };
}
