import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LogSearchEvent } from "@/lib/schemas/log-view";
import {
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import { searchLog, SearchStoppedError, type SearchRequest } from "./search";
import { ScanPool } from "./search-pool";

let workspace: ReturnType<typeof makeWorkspace>;
const pool = new ScanPool({ size: 2, budgetMs: 10_000 });
const numbered = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => `line ${from + i}\n`).join("");

/** Publishes `content` as the general log, in objects of `limit` bytes. */
async function publish(content: string | Buffer, limit = 50) {
  writeLog(logFile(workspace.dir, "mysql", "general"), content);
  const engine = makeEngine(workspace, { limit });
  await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
  return engine.locatePublished(MEMBER, MYSQL, "general");
}

async function search(
  log: Awaited<ReturnType<typeof publish>>,
  request: Partial<SearchRequest> & { query: string },
  options: { pool?: ScanPool; signal?: AbortSignal } = {},
) {
  const all: LogSearchEvent[] = [];
  const full = { regex: false, caseSensitive: false, limit: 10_000, ...request };
  const signal = options.signal ?? new AbortController().signal;
  for await (const event of searchLog(log, full, { pool: options.pool ?? pool, signal })) all.push(event);
  return {
    matches: all.flatMap((event) => (event.type === "match" ? [[event.line, event.text] as const] : [])),
    done: all.at(-1),
    events: all,
  };
}

beforeEach(() => {
  workspace = makeWorkspace();
});
afterEach(async () => workspace.cleanup());
afterAll(() => pool.close());

describe("search", () => {
  it("finds literal matches case-insensitively with their line numbers, across objects", async () => {
    const content = numbered(500)
      .replace("line 250\n", "line 250 ERROR boom\n")
      .replace("line 499\n", "line 499 error again\n");
    const log = await publish(content);
    const found = await search(log, { query: "error" });
    expect(found.matches).toEqual([
      [250, "line 250 ERROR boom"],
      [499, "line 499 error again"],
    ]);
    expect(found.done).toEqual({
      type: "done",
      total: 2,
      truncated: false,
      scanned: Buffer.byteLength(content),
    });
    expect((await search(log, { query: "ERROR", caseSensitive: true })).matches).toHaveLength(1);
  });

  it("supports regular expressions, one hit per line, counts beyond the limit", async () => {
    const log = await publish(numbered(1000));
    const found = await search(log, {
      query: "line \\d*7$|7 7",
      regex: true,
      caseSensitive: true,
      limit: 10,
    });
    expect(found.matches).toHaveLength(10);
    expect(found.matches[0]).toEqual([7, "line 7"]);
    expect(found.done).toMatchObject({ type: "done", total: 100, truncated: true });
    expect((await search(log, { query: "line 1.", caseSensitive: true })).done).toMatchObject({ total: 0 });
  });

  it("refuses what RE2 cannot run, saying why and what to do instead", async () => {
    const log = await publish(numbered(3));
    const refused = async (query: string) => search(log, { query, regex: true });
    await expect(refused("(")).rejects.toThrow(/Invalid regular expression: missing \)/);
    await expect(refused("(a)\\1")).rejects.toThrow(/Backreferences .* not supported.*RE2: invalid escape/);
    await expect(refused("a(?=b)")).rejects.toThrow(/Lookahead and lookbehind/);
    await expect(refused("(?<!x)a")).rejects.toThrow(/Lookahead and lookbehind/);
    await expect(refused("a{2000}")).rejects.toThrow(/limited to 100 copies/);
    await expect(refused("a++")).rejects.toThrow(/Possessive/);
    // What backtracking engines choke on runs, in linear time.
    expect((await search(log, { query: "(a+)+$|^(\\w+\\s?)*$", regex: true })).done).toMatchObject({
      total: 3,
    });
  });

  it("numbers lines right across 1 MB pieces and many objects, with CRLF and invalid UTF-8 lines", async () => {
    const lines = Array.from(
      { length: 100_000 },
      (_, i) => `${String(i + 1).padStart(6, "0")} query took ${i % 1000} ms`,
    );
    lines[29_999] = "030000 needle in a CRLF line\r";
    lines[45_000] = "045001 needle after \uFFFF";
    const content = Buffer.concat([
      Buffer.from(`${lines.slice(0, 50_000).join("\n")}\n`),
      Buffer.from([0xff, 0x20]),
      Buffer.from(`needle after bad bytes\n${lines.slice(50_001).join("\n")}\n`),
    ]);
    expect(content.length).toBeGreaterThan(2 * 1024 * 1024);
    const log = await publish(content, 100_000);
    const found = await search(log, { query: "needle|took 999 ms$", regex: true, limit: 5 });
    expect(found.matches.slice(0, 2)).toEqual([
      [1000, "001000 query took 999 ms"],
      [2000, "002000 query took 999 ms"],
    ]);
    const needles = await search(log, { query: "needle" });
    expect(needles.matches).toEqual([
      [30_000, "030000 needle in a CRLF line"],
      [45_001, "045001 needle after \uFFFF"],
      [50_001, "\uFFFD needle after bad bytes"],
    ]);
    expect(needles.done).toMatchObject({ total: 3, scanned: content.length });
    expect((await search(log, { query: "line$", regex: true })).matches).toEqual([
      [30_000, "030000 needle in a CRLF line"],
    ]);
  });

  it("searches a giant line in pieces, reports it once, and keeps counting lines after it", async () => {
    const giant = `${"x".repeat(1_500_000)}needle${"y".repeat(1_500_000)}needle${"z".repeat(2_000_000)}`;
    const content = `first\n${giant}\nlast needle\n`;
    const log = await publish(content, 1_000_000);
    const found = await search(log, { query: "needle" });
    expect(found.matches.map(([line]) => line)).toEqual([2, 3]);
    expect(found.matches[0]![1]).toHaveLength(2000); // the text is cut for the answer
    expect(found.done).toMatchObject({ total: 2 });
    // A match across the cut between two pieces is found too.
    const across = `${"a".repeat(1024 * 1024 - 3)}ACROSS${"b".repeat(100)}\nnext\n`;
    const acrossLog = await publish(across, 1_000_000);
    expect((await search(acrossLog, { query: "across" })).matches.map(([line]) => line)).toEqual([1]);
    expect((await search(acrossLog, { query: "^next$", regex: true })).matches).toEqual([[2, "next"]]);
  });

  it("stops a search whose piece takes longer than the time budget, and the pool goes on", async () => {
    // Random letters: nothing regular for RE2's DFA to settle into with the pattern below.
    const letters = Buffer.from(randomBytes(4 * 1024 * 1024).map((byte) => 97 + (byte % 26)));
    const log = await publish(letters, 4 * 1024 * 1024);
    const strict = new ScanPool({ size: 1, budgetMs: 20 });
    try {
      // RE2 is linear, but this one is slow per byte (its DFA would need too many states).
      const slow = search(log, { query: "[a-q][^u-z]{50}x", regex: true }, { pool: strict });
      await expect(slow).rejects.toThrow(SearchStoppedError);
      await expect(slow).rejects.toThrow(/took longer than 0.02 s .* Try a more specific pattern/);
      const small = await publish(numbered(10));
      expect((await search(small, { query: "line 7" }, { pool: strict })).matches).toEqual([[7, "line 7"]]);
    } finally {
      await strict.close();
    }
  });

  it("ends at once when abandoned", async () => {
    const log = await publish(numbered(400_000), 100_000);
    const abandon = new AbortController();
    const events = searchLog(
      log,
      { query: "line", regex: false, caseSensitive: false, limit: 10 },
      { pool, signal: abandon.signal },
    );
    expect((await events.next()).value).toMatchObject({ type: "progress", scanned: 0 }); // it runs
    expect((await events.next()).value).toMatchObject({ type: "match", line: 1 });
    abandon.abort(new Error("client gone"));
    await expect(async () => {
      for (let next = await events.next(); !next.done; next = await events.next());
    }).rejects.toThrow(/client gone/);
  });
});
