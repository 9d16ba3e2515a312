import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SwiftObjectStore } from "@/lib/server/object-store/swift-store";
import { openTestStore, requireSwift } from "@/lib/server/object-store/testing/swift-test-env";
import {
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  objectNames,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import type { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import { findTime } from "./find-time";
import { buildTimeline } from "./timeline";

// The time index as the embedded Trove writes it into the real Swift (scripts/services/swift.sh).
let workspace: ReturnType<typeof makeWorkspace>;
let swift: SwiftObjectStore;
let engine: GuestLogEngine;
const T0 = Date.parse("2026-11-30T10:00:00Z");
const stamp = (ms: number) => new Date(ms).toISOString().replace("Z", "000Z");

beforeAll(async () => requireSwift(), 30_000);
beforeEach(() => {
  workspace = makeWorkspace();
  swift = openTestStore();
  engine = makeEngine({ dir: workspace.dir, store: swift }, { limit: 64 * 1024 });
});
afterEach(async () => {
  await engine.logAction(MEMBER, MYSQL, { name: "general", discard: true }).catch(() => undefined);
  swift.close();
  await workspace.cleanup();
});

describe("time index in real Swift", () => {
  it("stores per-object metadata and the index beside the metafile, and jumps to a time through them", async () => {
    const lines = Array.from({ length: 6000 }, (_, i) => `${stamp(T0 + i * 500)}\t   42 Query\tSELECT ${i}`);
    writeLog(logFile(workspace.dir, "mysql", "general"), lines.join("\n") + "\n");
    await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    const log = await engine.locatePublished(MEMBER, MYSQL, "general");
    const names = await objectNames(swift, "demo", `${MYSQL}/mysql-general`);
    expect(names).toContain(`${MYSQL}/mysql-general_timeindex`);
    const objects = names.filter((name) => name.startsWith(log.prefix));
    expect(objects.length).toBeGreaterThan(3);
    const head = await swift.headObject("demo", "database_logs", objects[1]!);
    expect(Number(head.metadata["first-time"])).toBeGreaterThan(T0);
    expect(head.metadata["time-indexed"]).toBe("1");

    expect(await findTime(log, "mysql-general", T0 + 1_234_250)).toEqual({
      line: 2470,
      time: new Date(T0 + 1_234_500).toISOString(),
      total_lines: 6000,
    });
    const timeline = await buildTimeline(log, "mysql-general", 10);
    // Lines spread evenly between marks: each tenth of the time holds about a tenth of the lines.
    for (const bucket of timeline.buckets) expect(Math.abs(bucket.lines - 600)).toBeLessThanOrEqual(3);
    expect(timeline.unindexed_objects).toBe(0);

    await engine.logAction(MEMBER, MYSQL, { name: "general", discard: true });
    expect(await objectNames(swift, "demo", `${MYSQL}/mysql-general`)).toEqual([]);
  });
});
