/**
 * Benchmark: a member's 50-line tail, alone and while 32 clients keep sending wrong passwords, on a real
 * server (`scripts/start.mjs`, local identity and store, its own data directory). The same run compares
 * three settings: hashing unbounded and no throttle (what the server did before), the hash bound alone
 * (throttle off), and the defaults (hash bound + throttle); and, for reference, the tail while 32
 * clients flood the cheapest public request. Prints p50/p95 and the ratios.
 *   npx vite-node --config vitest.config.mts bench/login-flood.ts -- [--port 3460] [--seconds 15]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { option } from "./lib/cli-options";
import { cpuSeconds } from "./lib/process-watch";
import type { Env } from "./lib/run-command";
import { now, percentile, say, sleep } from "./lib/stats";
import { AppClient, startApp, stopApp, type App } from "./openstack/app-server";

const port = Number(option("port", "3460"));
const seconds = Number(option("seconds", "15"));
const CLIENTS = 32;
const INSTANCE = "be0c0000-0000-4000-8000-000000000001";
const PASSWORD = "bench-demo-password";
const NO_THROTTLE = {
  TROVE_LOGS_LOGIN_FAILURES_PER_USER: "1000000",
  TROVE_LOGS_LOGIN_FAILURES_PER_ADDRESS: "1000000",
};
const SETTINGS: Array<{ name: string; env: Env }> = [
  {
    name: "unbounded, no throttle (before)",
    env: { ...NO_THROTTLE, TROVE_LOGS_PASSWORD_HASH_CONCURRENCY: "64" },
  },
  { name: "hash bound only", env: NO_THROTTLE },
  { name: "defaults (bound + throttle)", env: {} },
];
const WRONG_LOGIN: RequestInit = {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ username: "demo", password: "wrong" }),
};

interface Figures {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

interface Flooded extends Figures {
  statuses: Record<string, number>;
  perSecond: number;
  /** The server's CPU share meanwhile (1 = one core). */
  cpu: number;
}

function writeConfig(scratch: string): string {
  const logFile = join(scratch, "logs", "general.log");
  mkdirSync(join(scratch, "logs"), { recursive: true });
  const lines = Array.from(
    { length: 100_000 },
    (_, i) =>
      `2026-11-25T10:00:00.${String(i).padStart(6, "0")}Z\t${i % 97} Query\tSELECT * FROM orders WHERE id = ${i}\n`,
  );
  writeFileSync(logFile, lines.join(""));
  const config = join(scratch, "trove-logs.json");
  const instance = {
    id: INSTANCE,
    name: "bench-mysql",
    project_id: "demo",
    datastore: { type: "mysql", version: "8.0" },
    logs: { general: { file: logFile } },
  };
  writeFileSync(config, JSON.stringify({ instances: [instance] }));
  return config;
}

/** Tails one after another for `seconds` (at least 5); each one's milliseconds. */
async function tails(client: AppClient, cookie: string): Promise<number[]> {
  const times: number[] = [];
  const until = now() + seconds * 1000;
  while (now() < until || times.length < 5) {
    const started = now();
    const answer = await client.request("GET", `/api/instances/${INSTANCE}/log/general/tail?lines=50`, {
      cookie,
    });
    if (answer.status !== 200) throw new Error(`tail: HTTP ${answer.status} ${answer.body.toString()}`);
    times.push(now() - started);
  }
  return times;
}

const figures = (times: number[]): Figures => ({
  n: times.length,
  p50: percentile(times, 50),
  p95: percentile(times, 95),
  max: Math.max(...times),
});

/**
 * 32 clients sending a request back to back, in a worker thread (so that the flood does not delay
 * this thread's tail timings), until `stop`; the answers' statuses.
 */
function flood(url: string, init: RequestInit) {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
    let stopped = false;
    const statuses = {};
    parentPort.on("message", () => (stopped = true));
    const loop = async () => {
      while (!stopped) {
        const response = await fetch(workerData.url, workerData.init);
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    };
    Promise.all(Array.from({ length: workerData.clients }, loop)).then(() => parentPort.postMessage(statuses));`,
    { eval: true, workerData: { url, init, clients: CLIENTS } },
  );
  return {
    stop: () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        worker.once("message", (statuses: Record<string, number>) => {
          void worker.terminate().then(() => resolve(statuses));
        });
        worker.once("error", reject);
        worker.postMessage("stop");
      }),
  };
}

async function measure(index: number, scratch: string, withReference: boolean) {
  const client = new AppClient(port);
  const env: Env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: "C.UTF-8",
    NEXT_TELEMETRY_DISABLED: "1",
    HOSTNAME: "127.0.0.1",
    TROVE_LOGS_HOST: "127.0.0.1",
    PORT: String(port),
    TROVE_LOGS_CONFIG: writeConfig(scratch),
    TROVE_LOGS_DATA_DIR: join(scratch, `data-${index}`),
    TROVE_LOGS_DEMO_PASSWORD: PASSWORD,
    ...SETTINGS[index]!.env,
  };
  let app: App | undefined;
  try {
    app = await startApp(client, env);
    const serverPid = app.serverPid;
    const cookie = await client.login("demo", PASSWORD, "demo");
    const action = (body: object) =>
      client.expectOk("log action", "POST", `/api/instances/${INSTANCE}/log`, { json: body, cookie });
    await action({ name: "general", enable: 1 });
    await action({ name: "general", publish: 1 });
    await tails(client, cookie); // warm-up
    const alone = figures(await tails(client, cookie));
    const during = async (path: string, init: RequestInit): Promise<Flooded> => {
      const cpuBefore = cpuSeconds(serverPid);
      const started = now();
      const load = flood(client.url(path), init);
      await sleep(1_000); // the flood under way before the first tail
      const times = await tails(client, cookie);
      const statuses = await load.stop();
      const elapsed = (now() - started) / 1000;
      const answered = Object.values(statuses).reduce((sum, count) => sum + count, 0);
      const cpu = (cpuSeconds(serverPid) - cpuBefore) / elapsed;
      return { ...figures(times), statuses, perSecond: answered / elapsed, cpu };
    };
    const logins = await during("/api/auth/login", WRONG_LOGIN);
    const reference = withReference ? await during("/api/auth/config", {}) : undefined;
    return { alone, logins, reference };
  } finally {
    await stopApp(app);
    client.close();
  }
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const spread = (times: Figures) =>
  `n ${times.n}, p50 ${ms(times.p50)} p95 ${ms(times.p95)} max ${ms(times.max)}`;
const loadAverage = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(" ");

function under(what: string, alone: Figures, load: Flooded): string {
  const ratios = `×${(load.p50 / alone.p50).toFixed(1)} / ×${(load.p95 / alone.p95).toFixed(1)}`;
  return (
    `during ${what}: ${spread(load)} (${ratios}); ` +
    `${load.perSecond.toFixed(0)} answers/s ${JSON.stringify(load.statuses)}, server CPU ${(load.cpu * 100).toFixed(0)}%`
  );
}

async function main() {
  const scratch = mkdtempSync(join(tmpdir(), "trove-logs-login-flood-"));
  say(`load average before: ${loadAverage()} (2 cores here are shared)`);
  try {
    const results = [];
    for (const [index, setting] of SETTINGS.entries()) {
      say(`${setting.name}: starting the server on port ${port}`);
      const result = await measure(index, scratch, index === SETTINGS.length - 1);
      say(`${setting.name}: tail alone: ${spread(result.alone)}`);
      say(`${setting.name}: ${under(`${CLIENTS} clients' wrong logins`, result.alone, result.logins)}`);
      if (result.reference) {
        say(
          `${setting.name}: ${under(`${CLIENTS} clients' GET /api/auth/config`, result.alone, result.reference)}`,
        );
      }
      results.push(result);
    }
    const before = results[0]!.logins;
    for (const [index, result] of results.entries()) {
      if (index === 0) continue;
      const p50 = (before.p50 / result.logins.p50).toFixed(1);
      const p95 = (before.p95 / result.logins.p95).toFixed(1);
      say(
        `${SETTINGS[index]!.name}: tail during the login flood ×${p50} (p50) / ×${p95} (p95) faster than before`,
      );
    }
  } finally {
    say(`load average after: ${loadAverage()}`);
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
