import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { timeIndexName } from "@/lib/server/log-index/index-object";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import {
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import type { PublishedLog } from "./published-log";
import { readLines } from "./read-lines";

let workspace: ReturnType<typeof makeWorkspace>;
const numbered = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}\n`).join("");

/** The published log, read through a store that counts the HEAD requests made on it. */
async function published(count: number) {
  writeLog(logFile(workspace.dir, "mysql", "general"), numbered(count));
  const engine = makeEngine(workspace, { limit: 100 });
  await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
  const log = await engine.locatePublished(MEMBER, MYSQL, "general");
  const heads = { count: 0 };
  const store = new Proxy(log.store, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (key === "headObject") heads.count += 1;
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  }) as ObjectStore;
  return { log: { ...log, store } as PublishedLog, heads };
}

beforeEach(() => {
  workspace = makeWorkspace();
});
afterEach(async () => workspace.cleanup());

describe("the line index", () => {
  it("takes line counts from the publish-time index: no HEAD per object", async () => {
    const { log, heads } = await published(2_000); // ~13 KB in 100-byte objects: ~130 objects
    const tail = await readLines(log, { tail: 2, count: 2 });
    expect(tail).toMatchObject({ first_line: 1_999, total_lines: 2_000, lines: ["line 1999", "line 2000"] });
    expect(heads.count).toBe(0);
  });

  it("falls back to each object's metadata when the log has no index (a real Trove's copy)", async () => {
    const { log, heads } = await published(1_000);
    await log.store.deleteObject(log.account, log.container, timeIndexName(log.prefix));
    const window = await readLines(log, { fromLine: 500, count: 2 });
    expect(window).toMatchObject({ total_lines: 1_000, lines: ["line 500", "line 501"] });
    expect(heads.count).toBeGreaterThan(50);
  });
});
