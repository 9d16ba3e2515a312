/**
 * Benchmark: oversized request bodies. 4 parallel anonymous 300 MB POSTs to /api/auth/login, with a
 * declared Content-Length and chunked, against `npm start` (the front door in front of Next) and, in
 * the same run, against Next's own server on the same build (`next start`, no front door) and, given
 * `--before <dir>` (a built checkout of older code), against that. Prints the time to the answer, the
 * bytes each server took in, and its peak RSS growth (the kernel's high-water mark).
 *   npx vite-node --config vitest.config.mts bench/oversized-body.ts -- [--mb 300] [--parallel 4] [--before <dir>]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppClient, startApp, stopApp, type App } from "./openstack/app-server";
import { option } from "./lib/cli-options";
import { Watch } from "./lib/process-watch";
import { REPO_ROOT } from "./lib/repo-root";
import { median, say } from "./lib/stats";
import { upload } from "./lib/upload";

const megabytes = Number(option("mb", "300"));
const parallel = Number(option("parallel", "4"));
const before = option("before", "");
const PORT = 3370;

interface Row {
  server: string;
  mode: string;
  statuses: string;
  msMedian: number;
  msMax: number;
  sentMb: number;
  deltaRssMb: number;
}

async function measure(server: string, app: App, port: number, declared: boolean): Promise<Row> {
  // Warm: the route's code is loaded on its first request, which is not what is measured here.
  await upload(port, "/api/auth/login", 1024 * 1024, { declared });
  const watch = new Watch({ app: app.serverPid });
  const results = await Promise.all(
    Array.from({ length: parallel }, () =>
      upload(port, "/api/auth/login", megabytes * 1024 * 1024, { declared }),
    ),
  );
  await new Promise((done) => setTimeout(done, 500)); // let whatever the server buffered land in its RSS
  const watched = watch.stop();
  return {
    server,
    mode: declared ? "Content-Length" : "chunked",
    statuses: [...new Set(results.map((result) => result.status))].join(","),
    msMedian: median(results.map((result) => result.ms)),
    msMax: Math.max(...results.map((result) => result.ms)),
    sentMb: results.reduce((sum, result) => sum + result.sent, 0) / parallel / 1024 / 1024,
    deltaRssMb: watched.deltaMb,
  };
}

/** Next's own server on the same build, as the peer: what the app does without the front door. */
async function startNextAlone(client: AppClient, env: NodeJS.ProcessEnv): Promise<App> {
  let output = "";
  const child = spawn(
    process.execPath,
    [
      "--max-semi-space-size=1",
      join(REPO_ROOT, "node_modules/next/dist/bin/next"),
      "start",
      "-H",
      "127.0.0.1",
      "-p",
      String(client.port),
    ],
    { cwd: REPO_ROOT, env, detached: true },
  );
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  for (let waited = 0; ; waited += 250) {
    const ready = await client.request("GET", "/api/auth/config", { timeoutMs: 2000 }).catch(() => undefined);
    if (ready?.status === 200) break;
    if (child.exitCode !== null || waited > 120_000)
      throw new Error(`next start did not come up:\n${output}`);
    await new Promise((done) => setTimeout(done, 250));
  }
  return { child, serverPid: child.pid!, output: () => output };
}

async function main() {
  const scratch = mkdtempSync(join(tmpdir(), "trove-logs-bench-body-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    TROVE_LOGS_DATA_DIR: join(scratch, "data"),
    TROVE_LOGS_DEMO_WRITERS: "0",
    TROVE_LOGS_HOST: "127.0.0.1",
  };
  const rows: Row[] = [];
  let app: App | undefined;
  try {
    const servers: Array<[string, number]> = [
      ["npm start", PORT],
      ["next start (peer)", PORT + 1],
      ...(before ? [["before (peer)", PORT + 2] as [string, number]] : []),
    ];
    for (const [server, port] of servers) {
      const client = new AppClient(port);
      say(`${server} on :${port}`);
      const serverEnv = { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" }; // HOSTNAME: older start scripts
      app =
        server === "next start (peer)"
          ? await startNextAlone(client, serverEnv)
          : await startApp(client, serverEnv, server === "npm start" ? undefined : before);
      for (const declared of [true, false]) rows.push(await measure(server, app, port, declared));
      await stopApp(app);
      app = undefined;
      client.close();
    }
  } finally {
    await stopApp(app);
    rmSync(scratch, { recursive: true, force: true });
  }
  say(`${parallel} parallel anonymous POST /api/auth/login of ${megabytes} MB each`);
  console.table(
    rows.map((row) => ({
      server: row.server,
      body: row.mode,
      status: row.statuses,
      "answer ms (median)": row.msMedian.toFixed(1),
      "answer ms (max)": row.msMax.toFixed(1),
      "MB sent per request": row.sentMb.toFixed(1),
      "server ΔRSS MB": row.deltaRssMb.toFixed(1),
    })),
  );
  for (const mode of ["Content-Length", "chunked"]) {
    const ours = rows.find((row) => row.server === "npm start" && row.mode === mode)!;
    for (const peer of rows.filter((row) => row.server !== "npm start" && row.mode === mode)) {
      say(
        `${mode}, vs ${peer.server}: answer ${(peer.msMax / ours.msMax).toFixed(1)}× sooner, ΔRSS ` +
          `${ours.deltaRssMb.toFixed(1)} vs ${peer.deltaRssMb.toFixed(1)} MB (targets: 413 ≤ 100 ms, ΔRSS ≤ 16 MB)`,
      );
    }
  }
}

await main();
