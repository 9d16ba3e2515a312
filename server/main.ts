// The process `npm start` runs: Next.js behind our own front door (lib/server/front), on
// TROVE_LOGS_HOST:PORT. scripts/start.mjs bundles this file (esbuild) and starts it.
import { createServer } from "node:http";
import next from "next";
import { env, type Env } from "@/lib/env";
import { answerClientError, createFrontDoor } from "@/lib/server/front/front-door";
import type { Runtime } from "@/lib/server/runtime";

/** How long a stop waits for requests in flight (downloads, publishes) before cutting them. */
const SHUTDOWN_GRACE_MS = 10_000;

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

const frontDoor = createFrontDoor({
  trustProxy: settings.TROVE_LOGS_TRUST_PROXY,
  replicaName: settings.TROVE_LOGS_REPLICA_NAME,
  handle: app.getRequestHandler(),
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

// The runtime (engine, stores, sessions) is created inside Next's bundles and shared through
// globalThis (lib/server/runtime.ts); a stop closes it once requests have finished.
const runtimeHolder = globalThis as typeof globalThis & { __troveLogsRuntime?: Promise<Runtime> };

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.log(`[trove-logs] ${signal}: finishing requests in flight, then stopping`);
  const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
  cut.unref();
  server.close(async () => {
    clearTimeout(cut);
    await runtimeHolder.__troveLogsRuntime
      ?.then((runtime) => runtime.stop())
      .catch((error: Error) => console.error(`[trove-logs] stopping: ${error.message}`));
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
