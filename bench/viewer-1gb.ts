/**
 * Benchmark: the log viewer on a ~1 GB (8 M lines) log published in the local store.
 * Starts the app with a config pointing at a generated log, publishes it (into the local store, or with
 * `--store swift` into the real Swift named by TROVE_LOGS_SWIFT_* — `source /tmp/swift-env.txt` — and
 * discarded at the end), then in Chromium measures
 * time to the first lines on screen, a jump to the start, scrolling, and the page's JS heap — next to
 * trove-dashboard's way in the same run (its "View Log" page: the last 50 lines in a <pre>, and its
 * "View Full Log": the whole log as text), so the figures come with ratios.
 *   npx vite-node --config vitest.config.mts bench/viewer-1gb.ts -- [--mb 1024] [--dir /var/tmp] [--port 3350]
 *       [--store local|swift]
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  chromium,
  request as playwrightRequest,
  type BrowserContext,
  type Locator,
  type Page,
} from "playwright-core";
import { CHROMIUM_LAUNCH } from "../e2e/fixtures/chromium";
import { option } from "./lib/cli-options";
import { writeLevelledLog } from "./lib/levelled-log";
import { now, sleep } from "./lib/stats";

const megabytes = Number(option("mb", "1024"));
const port = Number(option("port", "3350"));
const store = option("store", "local");
const base = `http://127.0.0.1:${port}`;

async function heapMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send("Performance.enable");
  await session.send("HeapProfiler.collectGarbage");
  const { metrics } = await session.send("Performance.getMetrics");
  await session.detach();
  return (metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? 0) / 1e6;
}

/**
 * Marks in the page when the log's last line is first in the DOM (before any page script runs), so a
 * navigation can be broken into its parts with the browser's own timings.
 */
const lastLineObserver = (line: number) => {
  const global = window as unknown as { lastLineAt?: number; timelineAt?: number };
  const observer = new MutationObserver(() => {
    if (global.lastLineAt === undefined && document.querySelector(`[data-line="${line}"]`)) {
      global.lastLineAt = performance.now();
    }
    if (
      global.timelineAt === undefined &&
      document.querySelector(`[aria-label="Timeline of the whole log"]`)
    ) {
      global.timelineAt = performance.now();
    }
    if (global.lastLineAt !== undefined && global.timelineAt !== undefined) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
};

/**
 * When the page's marked text was first painted (Element Timing: the timeline's dates carry
 * elementtiming="viewer-timeline", the last line's text "viewer-last-line"), NaN if it was not.
 */
const paintTimes = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve) => {
        const times: Record<string, number> = {};
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as Array<{
            identifier: string;
            renderTime: number;
          }>)
            times[entry.identifier] ??= entry.renderTime;
        });
        observer.observe({ type: "element", buffered: true });
        setTimeout(() => resolve(times), 500);
      }),
  );

/** Where the time to the last line went, from the page's navigation and resource timings (ms from the start). */
async function breakdown(page: Page): Promise<string> {
  const painted = await paintTimes(page);
  const parts = await page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const request = (part: string) => {
      const entry = resources.find((resource) => resource.name.includes(part));
      return entry
        ? `${entry.startTime.toFixed(0)}→${entry.responseEnd.toFixed(0)} (server ${(entry.responseStart - entry.requestStart).toFixed(0)})`
        : "none";
    };
    const scripts = resources.filter((resource) => resource.initiatorType === "script");
    return [
      `html ${navigation.responseStart.toFixed(0)}→${navigation.responseEnd.toFixed(0)}`,
      `scripts loaded ${Math.max(0, ...scripts.map((script) => script.responseEnd)).toFixed(0)}`,
      `${scripts.length} scripts, ${(scripts.reduce((sum, script) => sum + script.decodedBodySize, 0) / 1024).toFixed(0)} KB`,
      `html ${(navigation.decodedBodySize / 1024).toFixed(0)} KB`,
      `DOMContentLoaded ${navigation.domContentLoadedEventEnd.toFixed(0)}`,
      `session ${request("/api/auth/session")}`,
      `log list ${request("/log?details")}`,
      `lines ${request("/lines?")} (${resources.filter((resource) => resource.name.includes("/lines?")).length} requests)`,
      `timeline ${request("/timeline?")} (${resources.filter((resource) => resource.name.includes("/timeline?")).length} requests)`,
      `last line in DOM ${((window as unknown as { lastLineAt?: number }).lastLineAt ?? NaN).toFixed(0)}`,
      `timeline in DOM ${((window as unknown as { timelineAt?: number }).timelineAt ?? NaN).toFixed(0)}`,
    ].join(", ");
  });
  const at = (identifier: string) => (painted[identifier] ?? NaN).toFixed(0);
  return `${parts}, last line painted ${at("viewer-last-line")}, timeline painted ${at("viewer-timeline")}`;
}

async function main() {
  const dir = mkdtempSync(join(option("dir", "/var/tmp"), "trove-logs-viewer-bench-"));
  const logs = join(dir, "logs");
  mkdirSync(logs);
  const lines = await writeLevelledLog(join(logs, "general.log"), megabytes * 1e6);
  const config = join(dir, "config.json");
  const instance = "bench-1gb";
  writeFileSync(
    config,
    JSON.stringify({
      instances: [
        {
          id: instance,
          name: "bench",
          project_id: "demo",
          datastore: { type: "mysql", version: "8.0" },
          logs: { general: { file: join(logs, "general.log") } },
        },
      ],
    }),
  );
  const server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      TROVE_LOGS_HOST: "127.0.0.1",
      TROVE_LOGS_CONFIG: config,
      TROVE_LOGS_DATA_DIR: join(dir, "data"),
      TROVE_LOGS_DEMO_PASSWORD: "bench",
      TROVE_LOGS_OBJECT_STORE: store,
    },
    stdio: "ignore",
  });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  let context: BrowserContext | undefined;
  try {
    for (let i = 0; i < 600; i += 1) {
      const up = await fetch(`${base}/api/auth/session`).then(
        (r) => r.status === 401,
        () => false,
      );
      if (up) break;
      await sleep(500);
    }
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("bench");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/instances/);
    const api = page.request;
    let start = now();
    await api.post(`${base}/api/instances/${instance}/log`, {
      data: { name: "general", publish: 1 },
      timeout: 600_000,
    });
    const publishSeconds = (now() - start) / 1000;

    // Ours: open the viewer, wait for the last line.
    await page.addInitScript(lastLineObserver, lines);
    start = now();
    await page.goto(`${base}/project/instances/${instance}/logs/general`);
    // The last line, and the whole log's timeline (volume over time) above the lines, waited for at once.
    const shown = (locator: Locator) => locator.waitFor({ timeout: 60_000 }).then(() => now() - start);
    const [firstLinesMs, timelineMs] = await Promise.all([
      shown(page.locator(`[data-line="${lines}"]`)),
      shown(page.getByRole("slider", { name: "Timeline of the whole log" })),
    ]);
    const coldParts = await breakdown(page);
    // A reload of a settled page: the first load's own requests (log list, timeline) are answered first.
    await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => undefined);
    start = now();
    await page.reload();
    await page.locator(`[data-line="${lines}"]`).waitFor({ timeout: 60_000 });
    const warmLinesMs = now() - start;
    const reloadParts = await breakdown(page);
    await page.evaluate(() => {
      const global = window as unknown as { longTasks: number[] };
      global.longTasks = [];
      new PerformanceObserver((list) =>
        list.getEntries().forEach((entry) => global.longTasks.push(entry.duration)),
      ).observe({
        type: "longtask",
      });
    });
    start = now();
    await page.keyboard.press("g");
    await page.locator('[data-line="1"]').waitFor({ timeout: 60_000 });
    const jumpStartMs = now() - start;
    start = now();
    await page.keyboard.press("Shift+G");
    await page.locator(`[data-line="${lines}"]`).waitFor({ timeout: 60_000 });
    const jumpEndMs = now() - start;
    const log = page.getByRole("log").or(page.getByLabel("Log lines")).first();
    await log.hover();
    start = now();
    for (let i = 0; i < 200; i += 1) await page.mouse.wheel(0, -4000);
    await page.waitForTimeout(500);
    const scrollMs = now() - start;
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const reached = await page.locator("[data-line]").first().getAttribute("data-line");
    const ourHeap = await heapMb(page);
    const domRows = await page.locator("[data-line]").count();

    // trove-dashboard's view page: the last 50 lines as text.
    const peer = await context.newPage();
    start = now();
    const tail50 = await page.request.get(`${base}/api/instances/${instance}/log/general/tail?lines=50`);
    await peer.setContent(`<pre>${(await tail50.text()).replace(/</g, "&lt;")}</pre>`);
    const horizonTailMs = now() - start;
    // trove-dashboard's "View Full Log": the whole log as text (bounded wait).
    start = now();
    let fullLog = "did not finish in 120 s";
    try {
      await peer.goto(`${base}/api/instances/${instance}/log/general/tail?lines=0`, { timeout: 120_000 });
      fullLog = `${((now() - start) / 1000).toFixed(1)} s, heap ${(await heapMb(peer)).toFixed(0)} MB`;
    } catch (error) {
      fullLog = `failed: ${(error as Error).message.split("\n")[0]}`;
    }

    const tasks = longTasks.length ? ` (longest ${Math.max(...longTasks).toFixed(0)} ms)` : "";
    console.log(
      `log: ${megabytes} MB, ${lines} lines in the ${store} store; publish ${publishSeconds.toFixed(1)} s`,
    );
    console.log(
      `viewer: last lines on screen ${firstLinesMs.toFixed(0)} ms cold (line index built), ` +
        `${warmLinesMs.toFixed(0)} ms on reload; jump to start ${jumpStartMs.toFixed(0)} ms; back to end ${jumpEndMs.toFixed(0)} ms`,
    );
    console.log(`viewer cold: the timeline of the whole log on screen ${timelineMs.toFixed(0)} ms`);
    console.log(`viewer cold, ms from navigation start: ${coldParts}`);
    console.log(`viewer reload, ms from navigation start: ${reloadParts}`);
    console.log(
      `viewer: 200 wheel scrolls up (${scrollMs.toFixed(0)} ms) reached line ${reached}; ` +
        `${longTasks.length} long tasks > 50 ms${tasks}; JS heap after GC ${ourHeap.toFixed(1)} MB; ${domRows} line rows in the DOM`,
    );
    console.log(
      `peer (trove-dashboard's view page, tail 50 in a <pre>): ${horizonTailMs.toFixed(0)} ms for 50 lines; ` +
        `ours ${warmLinesMs.toFixed(0)} ms for a page with all ${lines} lines reachable (${(warmLinesMs / horizonTailMs).toFixed(1)}× its time)`,
    );
    console.log(`peer (trove-dashboard's "View Full Log", the whole log as text): ${fullLog}`);
  } finally {
    // Leaves nothing in the shared Swift (a discard deletes ~1,000 objects: minutes on a busy machine).
    if (store === "swift") {
      const request = await playwrightRequest.newContext({ storageState: await context?.storageState() });
      await request
        .post(`${base}/api/instances/${instance}/log`, {
          data: { name: "general", discard: 1 },
          timeout: 600_000,
        })
        .catch((error: Error) => console.log(`discard failed: ${error.message.split("\n")[0]}`));
      await request.dispose();
    }
    await browser.close();
    server.kill("SIGTERM");
    await sleep(1000);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
