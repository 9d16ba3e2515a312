import "server-only";
/**
 * Child process for the kill test, run with vite-node and SIGKILLed mid-publish by the test.
 * PUBLISH_DIR: the workspace (store in PUBLISH_DIR/store); prints "object" after each stored object.
 */
import { join } from "node:path";
import { createLocalObjectStore } from "@/lib/server/object-store/local-store";
import { makeEngine, MEMBER, MYSQL } from "./engine-fixture";

const dir = process.env.PUBLISH_DIR;
if (!dir) throw new Error("PUBLISH_DIR is required");
const store = createLocalObjectStore({ dir: join(dir, "store") });
const engine = makeEngine({ dir, store }, { limit: Number(process.env.PUBLISH_LIMIT ?? 4096) });
await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true }, () =>
  process.stdout.write("object\n"),
);
process.stdout.write("finished\n");
