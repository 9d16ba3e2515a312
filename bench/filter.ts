/**
 * Benchmark (issue 11, filter mode): a MySQL general log published in the real Swift (Keystone auth),
 * through the app's API and in Chromium, side by side in one run:
 *
 *   ours   GET …/log/general/filter?q=…   time to the first lines and to the end of the full scan,
 *          for a literal text (any case) and a regular expression
 *   raw    GET …/log/general/download     the same published log read raw from the same store by the
 *          same server: the ceiling a scan of the whole log can reach (target: ours ≥ 0.85× its speed)
 *   peer   `openstack database log save` + `grep -c` (python-troveclient against the same Swift):
 *          what an operator without the viewer does (target: ours ≥ 5× faster)
 *   browser  the viewer in Chromium filtered by the regex: long tasks > 50 ms while the filter streams
 *          in, and while scrolling the filtered view (target: 0)
 *
 *   npx vite-node --config vitest.config.mts bench/filter.ts -- [--mb 200] [--runs 2] [--dir /dev/shm]
 *       [--port 3400]
 * Run it under `flock /tmp/trove-logs-e2e.lock` (Keystone's catalog sends the CLI to the e2e port).
 */
import http from "node:http";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_LAUNCH } from "../e2e/fixtures/chromium";
import { option } from "./lib/cli-options";
import { run, toolEnv } from "./lib/run-command";
import { mbps, median, now, say } from "./lib/stats";
import { readDemoOpenrc } from "./openstack/keystone";
import { withPublishedApp, type PublishedApp } from "./openstack/published-app";

const MEGABYTES = Number(option("mb", "200"));
const RUNS = Math.max(1, Number(option("runs", "2")));
const BASE_DIR = option("dir", "/dev/shm");
const PORT = Number(option("port", "3400"));

/** The filters measured, with the `grep` that finds the same lines in the saved file. */
const CASES = [
  // ~1 line in 320 (INSERT lines by one of 97 service accounts), any case as the filter bar's default.
  { name: "literal", query: { q: "svc-42'", regex: "0" }, grep: ["-c", "-i", "-F", "svc-42'"] },
  // ~1 line in 30: ten of the 97 accounts.
  { name: "regex", query: { q: "svc-4[0-9]'", regex: "1" }, grep: ["-c", "-i", "-E", "svc-4[0-9]'"] },
];

interface Streamed {
  /** Milliseconds to the first body bytes that hold `firstMark` (or any bytes without one). */
  firstMs: number;
  ms: number;
  bytes: number;
  tail: string;
}

/** GETs `path`, counting the body as it streams (never held whole: the download is the whole log). */
function streamGet(app: PublishedApp, path: string, firstMark?: string): Promise<Streamed> {
  const started = now();
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: "127.0.0.1", port: app.client.port, path, headers: { cookie: app.cookie } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`${path}: HTTP ${response.statusCode}`));
          response.resume();
          return;
        }
        let firstMs = NaN;
        let bytes = 0;
        let tail = "";
        response.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          // The mark may straddle two chunks: look in the end of the last one too.
          const text = firstMark === undefined ? "" : chunk.toString("utf8");
          if (
            Number.isNaN(firstMs) &&
            (firstMark === undefined || (tail.slice(-64) + text).includes(firstMark))
          ) {
            firstMs = now() - started;
          }
          if (firstMark !== undefined) tail = (tail + text).slice(-4096);
        });
        response.on("end", () => resolve({ firstMs, ms: now() - started, bytes, tail }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
  });
}

/** The `done` event at the end of a filter's NDJSON. */
function doneEvent(tail: string): { entries: number; lines: number; total_lines: number } {
  const last = tail.trim().split("\n").pop() ?? "";
  const event = JSON.parse(last) as { type: string; entries: number; lines: number; total_lines: number };
  if (event.type !== "done") throw new Error(`the filter did not finish: ${last}`);
  return event;
}

/** Long tasks > 50 ms while the filtered view streams in, then while scrolling it with the wheel. */
async function browserLongTasks(app: PublishedApp, query: Record<string, string>) {
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies(
      app.cookie.split("; ").map((pair) => {
        const [name, ...value] = pair.split("=");
        return { name: name!, value: value.join("="), domain: "127.0.0.1", path: "/" };
      }),
    );
    const page = await context.newPage();
    await page.addInitScript(() => {
      const global = window as unknown as { longTasks: number[] };
      global.longTasks = [];
      new PerformanceObserver((list) =>
        list.getEntries().forEach((entry) => global.longTasks.push(entry.duration)),
      ).observe({ type: "longtask", buffered: true });
    });
    const params = new URLSearchParams({
      filter: query.q!,
      ...(query.regex === "1" && { filter_regex: "1" }),
    });
    const started = now();
    await page.goto(
      `http://127.0.0.1:${app.client.port}/project/instances/${app.instanceId}/logs/general?${params}`,
    );
    const status = page.getByRole("form", { name: "Filter lines" }).getByRole("status");
    await status.filter({ hasText: / of [\d,]+/ }).waitFor({ timeout: 600_000 });
    const loadMs = now() - started;
    const taken = () =>
      page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));
    const whileLoading = await taken();
    await page.getByTestId("filtered-lines").hover();
    const scrollStart = now();
    for (let i = 0; i < 100; i += 1) await page.mouse.wheel(0, 3000);
    for (let i = 0; i < 30; i += 1) await page.mouse.wheel(0, -6000);
    await page.waitForTimeout(500);
    const scrollMs = now() - scrollStart;
    const whileScrolling = await taken();
    const rows = await page.locator("[data-line]").count();
    return { loadMs, scrollMs, whileLoading, whileScrolling, rows, status: await status.textContent() };
  } finally {
    await browser.close();
  }
}

const longest = (tasks: number[]) => (tasks.length ? ` (longest ${Math.max(...tasks).toFixed(0)} ms)` : "");

async function main() {
  await withPublishedApp({ megabytes: MEGABYTES, dir: BASE_DIR, port: PORT }, async (app) => {
    const size = app.source.size;
    const log = `${app.logPath}/general`;
    const raw: number[] = [];
    const ours = new Map<string, { first: number[]; ms: number[]; entries: number; lines: number }>();
    const peer = new Map<string, { ms: number[]; count: number }>();
    const save: number[] = [];
    const file = join(app.scratch, "saved.log");
    const openstackEnv = { ...readDemoOpenrc(), ...toolEnv(app.scratch), OS_INTERFACE: "public" };
    for (let round = 0; round < RUNS; round += 1) {
      const download = await streamGet(app, `${log}/download`);
      if (download.bytes !== size) throw new Error(`the download has ${download.bytes} bytes, not ${size}`);
      raw.push(download.ms);
      for (const { name, query } of CASES) {
        const params = new URLSearchParams(query);
        const answer = await streamGet(app, `${log}/filter?${params}`, '"type":"lines"');
        const done = doneEvent(answer.tail);
        const entry = ours.get(name) ?? { first: [], ms: [], entries: done.entries, lines: done.lines };
        entry.first.push(answer.firstMs);
        entry.ms.push(answer.ms);
        ours.set(name, entry);
      }
      // The peer: save the whole log with python-troveclient, then grep it (each case).
      let started = now();
      await run(
        "/usr/bin/openstack",
        ["database", "log", "save", app.instanceId, "general", "--file", file],
        {
          env: openstackEnv,
        },
      );
      save.push(now() - started);
      for (const { name, grep } of CASES) {
        started = now();
        const counted = await run("/usr/bin/grep", [...grep, file], {
          env: { LC_ALL: "C.UTF-8" },
          check: false,
        });
        const entry = peer.get(name) ?? { ms: [], count: Number(counted.stdout.trim()) };
        entry.ms.push(now() - started);
        peer.set(name, entry);
      }
    }

    const rawMs = median(raw);
    say(`log: ${(size / 1e6).toFixed(0)} MB, ${app.source.lines} lines, MySQL general log in the real Swift`);
    say(`raw read (GET …/download): ${mbps(size, rawMs / 1000).toFixed(0)} MB/s (${rawMs.toFixed(0)} ms)`);
    say(`peer: openstack database log save ${(median(save) / 1000).toFixed(2)} s`);
    for (const { name } of CASES) {
      const mine = ours.get(name)!;
      const theirs = peer.get(name)!;
      const ms = median(mine.ms);
      const peerMs = median(save) + median(theirs.ms);
      say(
        `${name}: first lines ${median(mine.first).toFixed(0)} ms (target ≤ 300); full scan ${ms.toFixed(0)} ms ` +
          `= ${mbps(size, ms / 1000).toFixed(0)} MB/s = ${(rawMs / ms).toFixed(2)}× the raw read (target ≥ 0.85); ` +
          `log save + grep ${(peerMs / 1000).toFixed(2)} s = ${(peerMs / ms).toFixed(1)}× ours (target ≥ 5); ` +
          `${mine.entries} entries, grep counted ${theirs.count}${mine.entries === theirs.count ? " (same)" : " (DIFFERENT)"}`,
      );
    }

    const browser = await browserLongTasks(app, CASES[1]!.query);
    say(
      `browser (Chromium, filter=${CASES[1]!.query.q} regex): "${browser.status}" after ${browser.loadMs.toFixed(0)} ms; ` +
        `${browser.whileLoading.length} long tasks > 50 ms while it streamed in${longest(browser.whileLoading)}; ` +
        `${browser.whileScrolling.length} while scrolling (130 wheel turns, ${browser.scrollMs.toFixed(0)} ms)` +
        `${longest(browser.whileScrolling)} (target 0); ${browser.rows} line rows in the DOM`,
    );
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
