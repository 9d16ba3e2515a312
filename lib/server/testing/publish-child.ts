import "server-only";
/**
 * Child process for the kill tests, run with vite-node and SIGKILLed mid-publish by the test.
 * PUBLISH_DIR: the workspace (store in PUBLISH_DIR/store, or the test Swift with PUBLISH_STORE=swift, into
 * PUBLISH_CONTAINER); prints "object" after each stored object. With PUBLISH_LEASE (a TestLeaseSpec as
 * JSON) it holds a replica's publish lease and prints "leased" once it has it.
 */
import { join } from "node:path";
import { createLocalObjectStore } from "@/lib/server/object-store/local-store";
import { openTestStore } from "@/lib/server/object-store/testing/swift-test-env";
import type { PublishLease } from "@/lib/server/engine/publish-lease";
import { makeEngine, MEMBER, MYSQL } from "./engine-fixture";
import { makeTestLease, type TestLeaseSpec } from "./test-lease";

const dir = process.env.PUBLISH_DIR;
if (!dir) throw new Error("PUBLISH_DIR is required");
const store =
  process.env.PUBLISH_STORE === "swift"
    ? openTestStore()
    : createLocalObjectStore({ dir: join(dir, "store") });
const spec = process.env.PUBLISH_LEASE ? (JSON.parse(process.env.PUBLISH_LEASE) as TestLeaseSpec) : undefined;
let lease: PublishLease | undefined;
if (spec) {
  const leases = makeTestLease(spec, store).lease;
  lease = { hold: (target, task) => leases.hold(target, () => (process.stdout.write("leased\n"), task())) };
}
const engine = makeEngine(
  { dir, store },
  {
    limit: Number(process.env.PUBLISH_LIMIT ?? 4096),
    ...(process.env.PUBLISH_CONTAINER && { containerName: process.env.PUBLISH_CONTAINER }),
    ...(lease && { lease, sharedStore: true }),
  },
);
await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true }, () =>
  process.stdout.write("object\n"),
);
process.stdout.write("finished\n");
