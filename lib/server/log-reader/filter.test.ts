import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FilterLine, LogFilterEvent } from "@/lib/schemas/log-filter";
import {
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import { filterLog, type FilterRequest } from "./filter";
import { ScanPool } from "./search-pool";
import type { LogFormat } from "@/lib/log-format";

/** MariaDB's error log: entries start with a time; `[ERROR]`, `[Warning]`, `[Note]` state the severity. */
const FORMAT: LogFormat = "mysql-error";

let workspace: ReturnType<typeof makeWorkspace>;
const pool = new ScanPool({ size: 2, budgetMs: 10_000 });

async function publish(content: string, limit = 200) {
  writeLog(logFile(workspace.dir, "mysql", "general"), content);
  const engine = makeEngine(workspace, { limit });
  await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
  return engine.locatePublished(MEMBER, MYSQL, "general");
}

async function filter(
  content: string,
  request: Partial<FilterRequest>,
  limit?: number,
  format: LogFormat = FORMAT,
) {
  const log = await publish(content, limit);
  const full = {
    query: "",
    regex: false,
    caseSensitive: false,
    levels: [],
    context: 0,
    limit: 100_000,
    ...request,
  };
  const events: LogFilterEvent[] = [];
  const signal = new AbortController().signal;
  for await (const event of filterLog(log, full, { pool, signal, format })) events.push(event);
  const lines = events.flatMap((event) => (event.type === "lines" ? event.lines : []));
  return { events, lines, done: events.at(-1), shown: lines.map(show) };
}

/** `12*` for a line of a matching entry, `12` for a context line. */
const show = (line: FilterLine) => `${line.line}${line.match ? "*" : ""}`;

const entry = (second: number, level: string, text: string, more: string[] = []) =>
  [`2026-12-01 10:00:${String(second).padStart(2, "0")} [${level}] ${text}`, ...more].join("\n") + "\n";

beforeEach(() => {
  workspace = makeWorkspace();
});
afterEach(async () => workspace.cleanup());
afterAll(() => pool.close());

describe("filter", () => {
  it("shows whole entries with their real line numbers when any of their lines matches", async () => {
    const log =
      entry(1, "Note", "starting") + // 1
      entry(2, "ERROR", "query failed", ["  at frame one", "  at frame two (Deadlock)", "  at frame three"]) + // 2-5
      entry(3, "Note", "ready") + // 6
      entry(4, "Note", "deadlock detected again"); // 7
    const { shown, lines, done } = await filter(log, { query: "deadlock" });
    expect(shown).toEqual(["2*", "3*", "4*", "5*", "7*"]);
    expect(lines[0]).toMatchObject({ text: "2026-12-01 10:00:02 [ERROR] query failed", severity: "error" });
    expect(lines[2]!.text).toBe("  at frame two (Deadlock)");
    expect(done).toMatchObject({ type: "done", entries: 2, lines: 5, truncated: false, total_lines: 7 });
  });

  it("keeps slow-log blocks whole, from their # Time: header to the statement", async () => {
    const block = (second: number, query: string) =>
      [
        `# Time: 2026-12-01T10:00:${second}.000000Z`,
        "# User@Host: app[app] @ localhost []  Id:     8",
        "# Query_time: 2.5  Lock_time: 0.0 Rows_sent: 1  Rows_examined: 100000",
        `SET timestamp=17645832${second};`,
        query,
      ].join("\n") + "\n";
    const log = block(10, "SELECT 1;") + block(11, "SELECT * FROM orders;") + block(12, "SELECT 2;");
    const { shown, lines } = await filter(log, { query: "orders" }, undefined, "mysql-slow");
    expect(shown).toEqual(["6*", "7*", "8*", "9*", "10*"]);
    expect(lines[0]!.text).toBe("# Time: 2026-12-01T10:00:11.000000Z");
  });

  it("adds context lines around entries and merges groups that touch, without repeating lines", async () => {
    const log = Array.from({ length: 30 }, (_, i) =>
      entry(i, "Note", i === 9 || i === 13 || i === 25 ? "hit" : "x"),
    ).join("");
    const { shown } = await filter(log, { query: "hit", context: 2 });
    // hits on lines 10, 14, 26: 8-16 is one group (10±2 and 14±2 touch), 24-28 another
    expect(shown).toEqual([
      "8",
      "9",
      "10*",
      "11",
      "12",
      "13",
      "14*",
      "15",
      "16",
      "24",
      "25",
      "26*",
      "27",
      "28",
    ]);
  });

  it("a context line that turns out to be part of a later matching entry is shown as a match", async () => {
    const log =
      entry(1, "Note", "hit") + // 1
      entry(2, "Note", "start of a block", ["  continued", "  the hit again"]) + // 2-4
      entry(3, "Note", "after"); // 5
    const { shown } = await filter(log, { query: "hit", context: 2 });
    expect(shown).toEqual(["1*", "2*", "3*", "4*", "5"]);
  });

  it("filters by severity: whole entries whose first line states it, also combined with text", async () => {
    const log =
      entry(1, "System", "error in a note is not an error") + // 1
      entry(2, "ERROR", "disk full", ["  detail one"]) + // 2-3
      entry(3, "Warning", "slow disk") + // 4
      entry(4, "ERROR", "table crashed") + // 5
      entry(5, "System", "done"); // 6
    expect((await filter(log, { levels: ["error"] })).shown).toEqual(["2*", "3*", "5*"]);
    expect((await filter(log, { levels: ["error", "warning"] })).shown).toEqual(["2*", "3*", "4*", "5*"]);
    expect((await filter(log, { levels: ["error"], query: "detail" })).shown).toEqual(["2*", "3*"]);
    expect((await filter(log, { levels: ["notice"] })).shown).toEqual(["1*", "6*"]);
  });

  it("numbers lines right and keeps entries whole across 1 MB pieces and many objects", async () => {
    const lines: string[] = [];
    for (let i = 1; lines.length < 60_000; i += 1) {
      if (i % 5000 === 0)
        lines.push(
          ...entry(i % 60, "ERROR", `boom ${i}`, ["  trace a", "  trace b"])
            .trimEnd()
            .split("\n"),
        );
      else
        lines.push(
          `2026-12-01 10:00:00 [Note] filler line number ${String(lines.length + 1).padStart(8, "0")} ${"x".repeat(20)}`,
        );
    }
    const content = lines.join("\n") + "\n";
    expect(content.length).toBeGreaterThan(3 * 1024 * 1024);
    const { lines: found, done } = await filter(content, { levels: ["error"], context: 1 }, 100_000);
    const expected = lines.flatMap((text, at) => (text.includes("boom") ? [at + 1] : []));
    expect(expected.length).toBeGreaterThan(10);
    const starts = found.filter((line) => line.text.includes("boom")).map((line) => line.line);
    expect(starts).toEqual(expected);
    for (const line of found) expect(line.text).toBe(lines[line.line - 1]); // real numbers, exact text
    // each entry whole (3 lines) with one context line either side
    expect(found.length).toBe(expected.length * 5);
    expect(done).toMatchObject({ entries: expected.length, total_lines: lines.length });
  });

  it("sends at most `limit` lines but counts all of them", async () => {
    const log = Array.from({ length: 50 }, (_, i) => entry(i, "ERROR", `e${i}`)).join("");
    const { lines, done } = await filter(log, { levels: ["error"], limit: 10 });
    expect(lines.map((line) => line.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(done).toMatchObject({ entries: 50, lines: 50, truncated: true });
  });

  it("reports progress with counts before the end", async () => {
    const { events } = await filter(entry(1, "ERROR", "x"), { query: "x" });
    expect(events[0]).toMatchObject({ type: "progress", scanned: 0, entries: 0, lines: 0 });
  });
});
