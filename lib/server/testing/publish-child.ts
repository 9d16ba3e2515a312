import "server-only";
/**
 * Child process for the kill test, run with vite-node and SIGKILLed mid-publish by the test.
 * PUBLISH_DIR: the workspace (store in PUBLISH_DIR/store); prints "object" after each stored object.
 * With PUBLISH_MEMCACHED and PUBLISH_LEASE_NAMESPACE it holds a replica's publish lease (PUBLISH_LEASE_TTL s)
 * and prints "leased" once it has it.
 */
import { join } from "node:path";
import { createLocalObjectStore } from "@/lib/server/object-store/local-store";
import type { PublishLease } from "@/lib/server/engine/publish-lease";
import { MemcachedLease } from "@/lib/server/shared/memcached-lease";
import { SharedCache } from "@/lib/server/shared/shared-cache";
import { makeEngine, MEMBER, MYSQL } from "./engine-fixture";

const dir = process.env.PUBLISH_DIR;
if (!dir) throw new Error("PUBLISH_DIR is required");
const store = createLocalObjectStore({ dir: join(dir, "store") });
const servers = process.env.PUBLISH_MEMCACHED;
const namespace = process.env.PUBLISH_LEASE_NAMESPACE;
let lease: PublishLease | undefined;
if (servers && namespace) {
  const leases = new MemcachedLease({
    cache: new SharedCache({ servers, namespace }),
    ttlSeconds: Number(process.env.PUBLISH_LEASE_TTL ?? 3),
    maxWaitMs: 60_000,
  });
  lease = { hold: (key, task) => leases.hold(key, () => (process.stdout.write("leased\n"), task())) };
}
const engine = makeEngine(
  { dir, store },
  { limit: Number(process.env.PUBLISH_LIMIT ?? 4096), ...(lease && { lease }) },
);
await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true }, () =>
  process.stdout.write("object\n"),
);
process.stdout.write("finished\n");
