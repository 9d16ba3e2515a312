import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSwiftObjectStore, type SwiftObjectStore } from "@/lib/server/object-store/swift-store";
import { createTempAuth } from "@/lib/server/object-store/swift-auth";
import { openTestStore, requireSwift } from "@/lib/server/object-store/testing/swift-test-env";
import {
  appendLog,
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  objectNames,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import { expectExactCopy } from "@/lib/server/testing/exact-copy";
import type { GuestLogEngine } from "./guest-log-engine";

// The engine publishing into the real Swift (scripts/services/swift.sh; npm test starts it), in the
// instance owner's account, as the embedded Trove does with TROVE_LOGS_OBJECT_STORE=swift.
let workspace: ReturnType<typeof makeWorkspace>;
let swift: SwiftObjectStore;
let engine: GuestLogEngine;
const general = () => logFile(workspace.dir, "mysql", "general");
const prefix = `${MYSQL}/mysql-general/`;

beforeAll(async () => requireSwift(), 30_000);
beforeEach(() => {
  workspace = makeWorkspace();
  swift = openTestStore();
  engine = makeEngine({ dir: workspace.dir, store: swift }, { limit: 4096 });
});
afterEach(async () => {
  await engine.logAction(MEMBER, MYSQL, { name: "general", discard: true }).catch(() => undefined);
  swift.close();
  await workspace.cleanup();
});

describe("publishing into real Swift", () => {
  it("copies CRLF, UTF-8, invalid bytes and an unfinished line exactly, across many objects, and discards them all", async () => {
    const content = Buffer.concat([
      Buffer.from(Array.from({ length: 1200 }, (_, i) => `${i} SELECT 'café 日本語 ${i}';\r\n`).join("")),
      Buffer.from([0xff, 0xfe, 0x0a]),
      Buffer.from("unfinished"),
    ]);
    writeLog(general(), content);
    expect(await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true })).toMatchObject({
      status: "Published",
      published: content.length,
    });
    await expectExactCopy(engine, swift, general());
    appendLog(general(), " and finished\n");
    await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    const log = await expectExactCopy(engine, swift, general());
    expect(log.status).toBe("Published");
    // Objects hold at most guest_log_limit (4096) bytes each: the log spans many of them.
    const objects = await objectNames(swift, "demo", prefix);
    expect(objects.length).toBeGreaterThanOrEqual(Math.ceil(log.published / 4096));
    // Uploads overlap, yet upload time order is name order: troveclient reads the log in that order.
    const { entries } = await swift.listObjects("demo", "database_logs", { prefix });
    const byUploadTime = entries
      .flatMap((entry) => (entry.kind === "object" ? [entry] : []))
      .sort((a, b) => a.lastModified.localeCompare(b.lastModified) || a.name.localeCompare(b.name));
    expect(byUploadTime.map((entry) => entry.name)).toEqual(objects);

    await engine.logAction(MEMBER, MYSQL, { name: "general", discard: true });
    expect(await objectNames(swift, "demo", prefix)).toEqual([]);
    await expect(
      swift.headObject("demo", "database_logs", `${MYSQL}/mysql-general_metafile`),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it("Swift unreachable: a clear 503-style error, no hang, nothing half recorded, and the next publish completes", async () => {
    writeLog(general(), "first\n".repeat(2000));
    await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    appendLog(general(), "second\n".repeat(2000));
    const dead = createSwiftObjectStore({
      storageUrl: "http://127.0.0.1:9/v1",
      auth: createTempAuth({ authUrl: "http://127.0.0.1:9/auth/v1.0", user: "x:y", key: "z" }),
      timeoutMs: 2_000,
    });
    const offline = makeEngine({ dir: workspace.dir, store: dead }, { limit: 4096 });
    const started = Date.now();
    await expect(offline.logAction(MEMBER, MYSQL, { name: "general", publish: true })).rejects.toMatchObject({
      status: 503,
      message: expect.stringMatching(/unreachable/i),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    dead.close();
    // Back on the real Swift: what was published is intact and the rest goes out once.
    expect((await engine.logAction(MEMBER, MYSQL, { name: "general" })).status).toBe("Partial");
    await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    expect((await expectExactCopy(engine, swift, general())).status).toBe("Published");
  });
});
