/**
 * Benchmark: search on a ~100 MB log in the local store, through a real server (`node scripts/start.mjs`
 * with its own data directory and port). Prints a member's 50-line tail latency alone and while 4
 * regex searches (two users, legitimate patterns) scan the log over and over, and the throughput of a
 * literal and of a regex full scan next to reading the same published log raw (its download), as ratios.
 *   npx vite-node --config vitest.config.mts bench/search-load.ts -- [--mb 100] [--port 3419] [--tails 60] [--dir /var/tmp]
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./lib/repo-root";
import type { Env } from "./lib/run-command";
import { option } from "./lib/cli-options";
import { writeLevelledLog } from "./lib/levelled-log";
import { mbps, now, percentile, say, sleep } from "./lib/stats";

const megabytes = Number(option("mb", "100"));
const port = Number(option("port", "3419"));
const tailSamples = Number(option("tails", "60"));
const base = `http://127.0.0.1:${port}`;
const INSTANCE = "bench-search";
const PASSWORDS = { admin: "bench-admin", demo: "bench-demo" };
const LITERAL = "took 999 ms";
const REGEXES = [
  String.raw`\[ERROR\].*took 9\d\d ms`,
  String.raw`query \d+7 on orders`,
  String.raw`MY-0(12|34)\d\b`,
  String.raw`(?:Warning|ERROR)\] \[MY-\d+\] query \d+ on \w+ took \d{3} ms$`,
];

async function login(user: "admin" | "demo"): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: user, password: PASSWORDS[user] }),
  });
  if (response.status !== 200) throw new Error(`login ${user}: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

const logUrl = (scope: "project" | "admin") =>
  `${base}/api${scope === "admin" ? "/admin" : ""}/instances/${INSTANCE}/log/general`;

/** Reads a response to its end; the bytes and seconds it took. */
async function drain(url: string, cookie: string, signal?: AbortSignal) {
  const start = now();
  const response = await fetch(url, { headers: { cookie }, signal });
  let bytes = 0;
  let last = "";
  const reader = response.body!.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    bytes += part.value.byteLength;
    last = Buffer.from(part.value).toString("utf8");
  }
  return { status: response.status, bytes, seconds: (now() - start) / 1000, last };
}

const searchUrl = (scope: "project" | "admin", q: string, regex: boolean) =>
  `${logUrl(scope)}/search?q=${encodeURIComponent(q)}&regex=${regex ? 1 : 0}&limit=1000`;

/** Best of `times` full scans, in MB/s. */
async function bestScan(url: string, cookie: string, size: number, times = 3) {
  let best = Infinity;
  for (let i = 0; i < times; i += 1) {
    const ran = await drain(url, cookie);
    if (ran.status !== 200) throw new Error(`${url}: ${ran.status} ${ran.last}`);
    if (!ran.last.includes('"done"') && !url.endsWith("download")) throw new Error(`no done: ${ran.last}`);
    best = Math.min(best, ran.seconds);
  }
  return mbps(size, best);
}

async function tails(cookie: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const ran = await drain(`${logUrl("project")}/tail?lines=50`, cookie);
    if (ran.status !== 200) throw new Error(`tail: ${ran.status}`);
    times.push(ran.seconds * 1000);
    await sleep(50);
  }
  return times;
}

const summary = (times: number[]) =>
  `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`;

async function main() {
  const dir = mkdtempSync(join(option("dir", "/var/tmp"), "trove-logs-search-bench-"));
  const logPath = join(dir, "logs", "general.log");
  mkdirSync(join(dir, "logs"));
  await writeLevelledLog(logPath, megabytes * 1e6);
  const config = join(dir, "config.json");
  const logs = { general: { file: logPath } };
  const instance = { id: INSTANCE, name: "bench", project_id: "demo", logs };
  writeFileSync(
    config,
    JSON.stringify({ instances: [{ ...instance, datastore: { type: "mysql", version: "8.0" } }] }),
  );
  // Without vite-node's NODE_ENV: `next build` fails prerendering under NODE_ENV=development.
  const { NODE_ENV: _viteNodeEnv, ...inherited } = process.env;
  const env: Env = {
    ...inherited,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    TROVE_LOGS_CONFIG: config,
    TROVE_LOGS_DATA_DIR: join(dir, "data"),
    TROVE_LOGS_ADMIN_PASSWORD: PASSWORDS.admin,
    TROVE_LOGS_DEMO_PASSWORD: PASSWORDS.demo,
  };
  const server = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: REPO_ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = ""; // the server's last words, shown when it does not come up
  const keep = (data: Buffer) => (output = (output + data.toString()).slice(-4000));
  server.stdout.on("data", keep);
  server.stderr.on("data", keep);
  const stop = new AbortController();
  try {
    say("starting the server (builds the app when the sources changed)");
    for (let up = false; !up; await sleep(500)) {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${output}`);
      up = await fetch(`${base}/api/auth/session`).then(
        (r) => r.status === 401,
        () => false,
      );
    }
    const demo = await login("demo");
    const admin = await login("admin");
    const published = await fetch(`${base}/api/instances/${INSTANCE}/log`, {
      method: "POST",
      headers: { cookie: demo, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "general", publish: 1 }),
    });
    const size = ((await published.json()) as { log: { published: number } }).log.published;
    say(`log: ${(size / 1e6).toFixed(0)} MB published`);

    const raw = await bestScan(`${logUrl("project")}/download`, demo, size);
    const literal = await bestScan(searchUrl("project", LITERAL, false), demo, size);
    const regex = await bestScan(searchUrl("project", REGEXES[0]!, true), demo, size);
    const alone = await tails(demo, tailSamples);

    let scans = 0;
    let stopped = 0; // ended by an error event (the time budget)
    let refused = 0;
    const loop = async (scope: "project" | "admin", cookie: string, pattern: string) => {
      while (!stop.signal.aborted) {
        const ran = await drain(searchUrl(scope, pattern, true), cookie, stop.signal).catch(() => undefined);
        if (ran?.status === 200 && ran.last.includes('"done"')) scans += 1;
        else if (ran?.status === 200) stopped += 1;
        else if (ran) refused += 1;
      }
    };
    const users = [demo, demo, admin, admin];
    const loops = REGEXES.map((pattern, i) => loop(i < 2 ? "project" : "admin", users[i]!, pattern));
    await sleep(1000);
    const loadStart = now();
    const loaded = await tails(demo, tailSamples);
    const loadSeconds = (now() - loadStart) / 1000;
    stop.abort();
    await Promise.all(loops);

    console.log(`log: ${(size / 1e6).toFixed(1)} MB in the local store`);
    console.log(`download (raw read of the published log): ${raw.toFixed(0)} MB/s`);
    console.log(
      `literal search "${LITERAL}": ${literal.toFixed(0)} MB/s (${(literal / raw).toFixed(2)}× the download)`,
    );
    console.log(
      `regex search /${REGEXES[0]}/: ${regex.toFixed(0)} MB/s (${(regex / raw).toFixed(2)}× the download)`,
    );
    console.log(`member's 50-line tail alone: ${summary(alone)}`);
    console.log(`member's 50-line tail under 4 regex searches: ${summary(loaded)}`);
    console.log(
      `  p95 ${(percentile(loaded, 95) / percentile(alone, 95)).toFixed(1)}× alone; ${scans} full regex scans finished in the ${loadSeconds.toFixed(1)} s (${((scans * size) / 1e6 / loadSeconds).toFixed(0)} MB/s together), ${stopped} stopped, ${refused} refused`,
    );
  } finally {
    stop.abort();
    server.kill("SIGTERM");
    await sleep(1000);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
