/**
 * Benchmark: filter mode over a published log in the local store, side by side in one run with
 * reading the same published log raw (every object streamed, nothing done with the bytes) and with
 * `grep` on the source file. Prints first-lines latency, MB/s and ratios.
 *   npx vite-node --config vitest.config.mts bench/filter.ts -- [--mb 300] [--dir /var/tmp] [--runs 2]
 * Not measured here (yet): `openstack database log save` + grep on real Swift, and Chromium long tasks.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { filterLog, type FilterRequest } from "@/lib/server/log-reader/filter";
import { streamSegments } from "@/lib/server/log-reader/published-log";
import { wholeLog } from "@/lib/server/log-reader/scan-pieces";
import { ScanPool } from "@/lib/server/log-reader/search-pool";
import { createLocalObjectStore } from "@/lib/server/object-store/local-store";
import { logFile, makeEngine, MEMBER, MYSQL } from "@/lib/server/testing/engine-fixture";
import { option } from "./lib/cli-options";
import { writeLevelledLog } from "./lib/levelled-log";
import { mbps, median, say } from "./lib/stats";

const megabytes = Number(option("mb", "300"));
const base = option("dir", "/var/tmp");
const runs = Number(option("runs", "2"));
const seconds = (start: number) => (performance.now() - start) / 1000;

type Published = Awaited<ReturnType<ReturnType<typeof makeEngine>["locatePublished"]>>;

async function readRaw(log: Published): Promise<number> {
  const { segments } = await wholeLog(log);
  let bytes = 0;
  for await (const part of streamSegments(log, segments, { objects: 2, bytesPerObject: 1024 * 1024 })) {
    bytes += part.byteLength;
  }
  return bytes;
}

async function runFilter(log: Published, pool: ScanPool, request: Partial<FilterRequest>) {
  const full = {
    query: "",
    regex: false,
    caseSensitive: false,
    levels: [],
    context: 0,
    limit: 100_000,
    ...request,
  };
  const start = performance.now();
  let firstMs = NaN;
  let done: unknown;
  const signal = new AbortController().signal;
  for await (const event of filterLog(log, full, { pool, signal, format: "mysql-error" })) {
    if (event.type === "lines" && Number.isNaN(firstMs)) firstMs = performance.now() - start;
    if (event.type === "done") done = event;
  }
  return { firstMs, seconds: seconds(start), done };
}

async function main() {
  const dir = mkdtempSync(join(base, "trove-logs-bench-filter-"));
  // As the server sizes it: one worker per core but one (at least one).
  const pool = new ScanPool({ size: 1, budgetMs: 10_000 });
  try {
    const source = logFile(dir, "mysql", "general");
    execFileSync("mkdir", ["-p", join(dir, "logs")]);
    await writeLevelledLog(source, megabytes * 1e6);
    const size = statSync(source).size;
    const store = createLocalObjectStore({ dir: join(dir, "store") });
    const engine = makeEngine({ dir, store }, { limit: 8 * 1024 * 1024 });
    await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    const log = await engine.locatePublished(MEMBER, MYSQL, "general");
    say(`log: ${(size / 1e6).toFixed(0)} MB, MySQL error-log lines (1 in 97 ERROR, 1 in 13 Warning)`);

    const cases: Array<[string, Partial<FilterRequest>, string]> = [
      ["level=error", { levels: ["error"] }, "\\[ERROR\\]"],
      ["q=took 999 ms", { query: "took 999 ms" }, "took 999 ms"],
      [
        "level=warning,error context=2",
        { levels: ["warning", "error"], context: 2 },
        "\\[ERROR\\]\\|\\[Warning\\]",
      ],
    ];
    const raw: number[] = [];
    const results = new Map<string, { first: number[]; secs: number[]; grep: number[]; done: unknown }>();
    for (let run = 0; run < runs; run += 1) {
      let start = performance.now();
      if ((await readRaw(log)) !== size) throw new Error("raw read lost bytes");
      raw.push(seconds(start));
      for (const [name, request, pattern] of cases) {
        const entry = results.get(name) ?? { first: [], secs: [], grep: [], done: undefined };
        const measured = await runFilter(log, pool, request);
        entry.first.push(measured.firstMs);
        entry.secs.push(measured.seconds);
        entry.done = measured.done;
        start = performance.now();
        execFileSync("sh", [
          "-c",
          `grep -c -C ${request.context ?? 0} '${pattern}' '${source}' > /dev/null || true`,
        ]);
        entry.grep.push(seconds(start));
        results.set(name, entry);
      }
    }
    const rawSecs = median(raw);
    say(`raw read of the published log: ${mbps(size, rawSecs).toFixed(0)} MB/s (${rawSecs.toFixed(2)} s)`);
    for (const [name, entry] of results) {
      const secs = median(entry.secs);
      const grep = median(entry.grep);
      say(
        `${name}: first lines ${median(entry.first).toFixed(0)} ms; scan ${mbps(size, secs).toFixed(0)} MB/s ` +
          `(${secs.toFixed(2)} s) = ${(rawSecs / secs).toFixed(2)}× raw read; grep on the source file ` +
          `${grep.toFixed(2)} s = ${(grep / secs).toFixed(2)}× of ours; ${JSON.stringify(entry.done)}`,
      );
    }
    await store.close();
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
