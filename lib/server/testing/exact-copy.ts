import "server-only";
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { MEMBER, MYSQL, publishedBytes } from "./engine-fixture";

/**
 * The publishing contract: the objects, concatenated in name order, are exactly the source file's
 * first `published` bytes. Returns the log as the engine shows it.
 */
export async function expectExactCopy(
  engine: GuestLogEngine,
  store: ObjectStore,
  file: string,
  container = "database_logs",
) {
  const log = await engine.logAction(MEMBER, MYSQL, { name: "general" });
  const copy = await publishedBytes(store, "demo", `${MYSQL}/mysql-general/`, container);
  expect(copy.length).toBe(log.published);
  expect(copy.equals(readFileSync(file).subarray(0, log.published))).toBe(true);
  return log;
}
