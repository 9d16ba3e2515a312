// The process `npm start` runs: Next.js behind our own front door (lib/server/front), on
// TROVE_LOGS_HOST:PORT. scripts/start.mjs bundles this file (esbuild) and starts it.
import { createServer } from "node:http";
import { join } from "node:path";
import next from "next";
import { env, type Env } from "@/lib/env";
import { answerClientError, createFrontDoor } from "@/lib/server/front/front-door";
import { metrics } from "@/lib/server/ops/metrics";
import { publishesIdle } from "@/lib/server/ops/publishes-in-flight";
import { createReadiness } from "@/lib/server/ops/readiness";
import { loadRoutePatterns } from "@/lib/server/ops/route-patterns";
import type { Runtime } from "@/lib/server/runtime";

/** How long closing the runtime (stores, sessions, writers) may take once requests are done. */
const RUNTIME_CLOSE_MS = 5_000;

function settingsOrExit(): Env {
  try {
    return env();
  } catch (error) {
    console.error(`[trove-logs] Cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}

const settings = settingsOrExit();
const host = settings.TROVE_LOGS_HOST;
const port = settings.PORT;
const app = next({ dev: false, dir: process.cwd(), hostname: host, port });
await app.prepare();

// The runtime (engine, stores, sessions) is created inside Next's bundles and shared through
// globalThis (lib/server/runtime.ts); readiness checks reach it, and a stop closes it.
const runtimeHolder = globalThis as typeof globalThis & { __troveLogsRuntime?: Promise<Runtime> };
const readiness = createReadiness(() => runtimeHolder.__troveLogsRuntime);

const frontDoor = createFrontDoor({
  trustProxy: settings.TROVE_LOGS_TRUST_PROXY,
  replicaName: settings.TROVE_LOGS_REPLICA_NAME,
  handle: app.getRequestHandler(),
  requestLog: {
    routeOf: loadRoutePatterns(join(process.cwd(), ".next")),
    log: settings.TROVE_LOGS_ACCESS_LOG,
  },
  ops: {
    readiness: () => readiness.read(),
    metrics: async () => ({
      text: await metrics().registry.metrics(),
      contentType: metrics().registry.contentType,
    }),
    metricsToken: settings.TROVE_LOGS_METRICS_TOKEN,
  },
});
// A request must arrive briskly (headers within 20 s, a body of at most 64 KiB within 60 s): a client
// trickling bytes holds a socket, never the server. Responses (downloads) have no such limit.
const server = createServer({ headersTimeout: 20_000, requestTimeout: 60_000 }, frontDoor);
server.on("checkContinue", frontDoor);
server.on("clientError", answerClientError);
server.on("error", (error: NodeJS.ErrnoException) => {
  console.error(`[trove-logs] Cannot listen on ${host}:${port}: ${error.code ?? error.message}`);
  process.exit(1);
});
server.listen(port, host, () => console.log(`[trove-logs] Listening on http://${host}:${port}`));

let stopping = false;
// Once stopping, every answer closes its connection: kept-alive clients (a load balancer) reconnect
// to another replica instead of sending more here.
server.prependListener("request", (_request, response) => {
  if (stopping) response.shouldKeepAlive = false;
});

const within = (ms: number, work: Promise<unknown>) =>
  Promise.race([work.then(() => true), new Promise<boolean>((done) => setTimeout(done, ms, false).unref())]);

/**
 * SIGTERM/SIGINT: /readyz says "stopping", no new connection is taken, downloads, publishes (the
 * background ones too) and other requests in flight finish — for at most TROVE_LOGS_SHUTDOWN_GRACE
 * seconds, then what is left is cut — and the runtime closes before the process exits.
 */
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  readiness.stopping();
  const graceMs = settings.TROVE_LOGS_SHUTDOWN_GRACE * 1000;
  console.log(
    `[trove-logs] ${signal}: finishing requests and publishes in flight (at most ${graceMs / 1000} s), then stopping`,
  );
  const closed = new Promise<void>((done) => server.close(() => done()));
  server.closeIdleConnections();
  const finished = await within(graceMs, Promise.all([closed, publishesIdle()]));
  if (!finished) {
    console.log("[trove-logs] the grace time is over: cutting what is still running");
    server.closeAllConnections();
  }
  const runtime = runtimeHolder.__troveLogsRuntime;
  const runtimeClosed = await within(
    RUNTIME_CLOSE_MS,
    runtime ? runtime.then((current) => current.stop()) : Promise.resolve(),
  ).catch((error: Error) => {
    console.error(`[trove-logs] stopping: ${error.message}`);
    return false;
  });
  process.exit(finished && runtimeClosed ? 0 : 1);
}
process.on("SIGTERM", (signal) => void stop(signal));
process.on("SIGINT", (signal) => void stop(signal));
