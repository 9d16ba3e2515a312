import "server-only";
import type { Env } from "@/lib/env";
import { ConfigError } from "@/lib/server/config/service-config";
import type { PublishLease } from "@/lib/server/engine/publish-lease";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { MemcachedLease } from "./memcached-lease";
import { ObjectStoreLease } from "./object-store-lease";
import type { SharedCache } from "./shared-cache";

/** How long a publish waits for another replica's publish of the same log (then 409). */
const PUBLISH_LEASE_WAIT_MS = 10 * 60_000;
/** Swift may accept overlapping create-only puts: a new lease is read back after this (see ObjectStoreLease). */
export const SWIFT_SETTLE_MS = 500;

/**
 * The lease that keeps one publish of a log at a time among replicas (TROVE_LOGS_PUBLISH_LEASE), or
 * none. `auto`: memcached when it is configured (the replicas share it anyway); else a lease object in
 * Swift, which several replicas may share; else none: the local store lives in this process's data
 * directory, and the in-process lock is enough.
 */
export function choosePublishLease(
  settings: Env,
  { shared, store }: { shared?: SharedCache; store: ObjectStore },
): { lease?: PublishLease; description: string } {
  const timing = { ttlSeconds: settings.TROVE_LOGS_PUBLISH_LEASE_TTL, maxWaitMs: PUBLISH_LEASE_WAIT_MS };
  const swift = settings.TROVE_LOGS_OBJECT_STORE === "swift";
  let kind = settings.TROVE_LOGS_PUBLISH_LEASE;
  if (kind === "auto") kind = shared ? "memcached" : swift ? "object-store" : "none";
  if (kind === "memcached") {
    if (!shared) throw new ConfigError("TROVE_LOGS_PUBLISH_LEASE=memcached needs TROVE_LOGS_MEMCACHED.");
    return { lease: new MemcachedLease({ cache: shared, ...timing }), description: "memcached lease" };
  }
  if (kind === "object-store") {
    const settleMs = swift ? SWIFT_SETTLE_MS : 0;
    return {
      lease: new ObjectStoreLease({ store, settleMs, ...timing }),
      description: "lease objects in the object store",
    };
  }
  return { description: "in this process only" };
}
