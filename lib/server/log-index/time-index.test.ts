import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lineTime, startsEntry, type LogFormat } from "@/lib/log-format";
import {
  appendLog,
  logFile,
  makeEngine,
  makeWorkspace,
  ADMIN,
  MEMBER,
  MYSQL,
  objectNames,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import type { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import { findTime } from "./find-time";
import { buildTimeline } from "./timeline";

let workspace: ReturnType<typeof makeWorkspace>;
let engine: GuestLogEngine;
const T0 = Date.parse("2026-11-30T10:00:00Z");
const CONTAINER = "database_logs";

const pad = (n: number) => String(n).padStart(2, "0");
const mariadbTime = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** A MariaDB general log: the time only on a second's first line, multi-line statements, ~1 MB. */
function mariadbGeneral(seconds: number, from = T0): string {
  const lines: string[] = [];
  for (let s = 0; s < seconds; s += 1) {
    const perSecond = 1 + (s % 4);
    for (let q = 0; q < perSecond; q += 1) {
      const head = q === 0 ? `${mariadbTime(from + s * 1000)}\t` : "\t\t";
      lines.push(`${head}   ${40 + q} Query\tSELECT * FROM orders WHERE id = ${s * 10 + q}`);
      if (q === 1) lines.push("  AND status = 'open' -- a continuation line");
    }
  }
  return lines.join("\n") + "\n";
}

/** What a person would find reading the file: the first line whose own time reaches `at`, back to its entry. */
function expected(format: LogFormat, content: string, at: number) {
  const lines = content.split("\n");
  let entry = 0;
  let last: number | undefined;
  for (const [i, line] of lines.entries()) {
    if (startsEntry(format, line, lines[i - 1])) entry = i;
    const time = lineTime(format, line);
    if (time !== undefined && time >= at) return { line: entry + 1, time: new Date(time).toISOString() };
    if (time !== undefined) last = last === undefined ? time : Math.max(last, time);
  }
  // Past the end: when the log ends.
  return { line: null, time: last === undefined ? null : new Date(last).toISOString() };
}

const general = () => logFile(workspace.dir, "mysql", "general");
const publish = (name = "general") => engine.logAction(ADMIN, MYSQL, { name, publish: true });
const located = (name = "general") => engine.locatePublished(ADMIN, MYSQL, name);
const indexName = (log: string) => `${MYSQL}/mysql-${log}_timeindex`;

beforeEach(() => {
  workspace = makeWorkspace();
  engine = makeEngine(workspace, { limit: 200 * 1024 });
});
afterEach(async () => workspace.cleanup());

describe("jump to a time", () => {
  it("finds the first line at or after an instant, as reading the file would", async () => {
    const content = mariadbGeneral(6000);
    writeLog(general(), content);
    await publish();
    const log = await located();
    expect((await objectNames(workspace.store, "demo", log.prefix)).length).toBeGreaterThan(3);
    const instants = [T0 - 5000, T0, T0 + 1, T0 + 1500, T0 + 2_345_678, T0 + 5_999_000, T0 + 4_000_000.5];
    for (let k = 0; k < 20; k += 1)
      instants.push(T0 + Math.floor(((k * 7919) % 6000) * 1000 + (k % 3) * 400));
    const lines = content.split("\n").length - 1;
    for (const at of instants) {
      expect(await findTime(log, "mysql-general", at), `at ${new Date(at).toISOString()}`).toEqual({
        ...expected("mysql-general", content, at),
        total_lines: lines,
      });
    }
    expect(await findTime(log, "mysql-general", T0 + 6_000_000)).toEqual({
      ...expected("mysql-general", content, T0 + 6_000_000),
      total_lines: lines,
    });
    expect((await findTime(log, "mysql-general", T0 + 6_000_000)).time).not.toBeNull();
  });

  it("keeps working without the index object (object metadata) and on objects published without either", async () => {
    const content = mariadbGeneral(3000);
    writeLog(general(), content);
    await publish();
    const log = await located();
    await workspace.store.deleteObject("demo", CONTAINER, indexName("general"));
    const at = T0 + 1_234_500;
    expect(await findTime({ ...log, size: undefined }, "mysql-general", at)).toMatchObject(
      expected("mysql-general", content, at),
    );
    // A copy as a real Trove publishes it: same bytes, no metadata, no index.
    const trove = { ...log, prefix: `${MYSQL}/trove-general/`, size: undefined, lastObject: undefined };
    let offset = 0;
    for (const [k, piece] of [content.slice(0, 400_000), content.slice(400_000)].entries()) {
      await workspace.store.putObject(
        "demo",
        CONTAINER,
        `${trove.prefix}log-2026-11-30T10:0${k}:00.000000`,
        piece,
      );
      offset += piece.length;
    }
    expect(offset).toBe(content.length);
    expect(await findTime(trove, "mysql-general", at)).toMatchObject(expected("mysql-general", content, at));
    const timeline = await buildTimeline(trove, "mysql-general", 10);
    expect(timeline.unindexed_objects).toBe(2);
    expect(timeline.first_time).toBe(new Date(T0).toISOString());
  });
});

describe("publish-time index", () => {
  it("sits beside the metafile (outside the prefix), follows appends, and goes with a discard", async () => {
    writeLog(general(), mariadbGeneral(1000));
    await publish();
    appendLog(general(), mariadbGeneral(500, T0 + 1_000_000));
    await publish();
    const log = await located();
    const names = await objectNames(workspace.store, "demo", `${MYSQL}/mysql-general`);
    expect(names).toContain(indexName("general"));
    expect(
      names.filter((name) => name.startsWith(log.prefix)).every((name) => !name.endsWith("_timeindex")),
    ).toBe(true);
    const first = names.find((name) => name.startsWith(log.prefix))!;
    const head = await workspace.store.headObject("demo", CONTAINER, first);
    expect(head.metadata["first-time"]).toBe(String(T0));
    const timeline = await buildTimeline(log, "mysql-general", 3);
    expect(timeline).toMatchObject({
      first_time: "2026-11-30T10:00:00.000Z",
      last_time: "2026-11-30T10:24:59.000Z",
      unindexed_objects: 0,
    });
    const content = mariadbGeneral(1000) + mariadbGeneral(500, T0 + 1_000_000);
    const total = content.split("\n").length - 1;
    expect(timeline.total_lines).toBe(total);
    expect(timeline.buckets.reduce((sum, bucket) => sum + bucket.lines, 0)).toBeCloseTo(total, -1);
    expect(timeline.buckets[0]!.first_line).toBe(1);

    await engine.logAction(MEMBER, MYSQL, { name: "general", discard: true });
    expect(await objectNames(workspace.store, "demo", `${MYSQL}/mysql-general`)).toEqual([]);
  });

  it("starts over when the log is rotated", async () => {
    writeLog(general(), mariadbGeneral(800));
    await publish();
    writeLog(general(), mariadbGeneral(100, T0 + 9_000_000));
    await publish();
    const timeline = await buildTimeline(await located(), "mysql-general", 4);
    expect(timeline.first_time).toBe(new Date(T0 + 9_000_000).toISOString());
  });

  it("counts errors and warnings of an error log per entry, in the right part of the timeline", async () => {
    const lines: string[] = [];
    for (let s = 0; s < 400; s += 1) {
      const level = s % 50 === 7 ? "ERROR" : s % 20 === 3 ? "Warning" : "Note";
      lines.push(`2026-11-30 10:${pad(Math.floor(s / 60))}:${pad(s % 60)} 0 [${level}] InnoDB: event ${s}`);
      if (level === "ERROR")
        lines.push(
          "stack_bottom = 0x0 thread_stack 0x49000",
          "/usr/sbin/mariadbd(handle_fatal_signal+0x3f)[0x55d0]",
        );
    }
    writeLog(logFile(workspace.dir, "mysql", "error"), lines.join("\n") + "\n");
    await publish("error");
    const timeline = await buildTimeline(await located("error"), "mysql-error", 4);
    expect(timeline.buckets.map((bucket) => bucket.errors)).toEqual([2, 2, 2, 2]);
    expect(timeline.buckets.reduce((sum, bucket) => sum + bucket.warnings, 0)).toBe(20);
  });
});
