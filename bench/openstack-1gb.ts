/**
 * Benchmark (issue 4, "Performance"): Trove Logs against OpenStack's own tools on the same real Swift
 * (Keystone auth) and the same published ~1 GB MySQL-general-style log, in one run.
 *
 *   1. Publish   our POST …/log {publish} (engine → Swift, 1,000,000-byte objects)
 *                vs `swift upload --segment-size 1000000` of the same file (scratch container, deleted)
 *   2. Tail 50   our GET …/tail?lines=50 (warm, client wall clock, p50/p95)
 *                vs `openstack database log tail … --lines 50` (whole process) and a warm
 *                troveclient `log_generator(lines=50)`; Swift bytes per tail on both sides
 *   3. Download  our GET …/download → /dev/null (curl; sha256 checked, server ΔRSS sampled)
 *                vs `openstack database log save` and `swift download` of the log's objects (tmpfs)
 *
 * Peers run first and last (rounds alternate peers and ours); figures are medians. Keystone and Swift
 * are started when not running (and then stopped at the end); the app is built if needed and started
 * twice: straight at Swift (timings), then behind a byte-counting TCP proxy (Swift bytes per request).
 *
 *   npx vite-node --config vitest.config.mts bench/openstack-1gb.ts -- [--mb 1024] [--runs 3]
 *       [--tail-runs 30] [--cli-runs 6] [--port 3400] [--dir /dev/shm]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { option } from "./lib/cli-options";
import { rssKib } from "./lib/process-watch";
import { toolEnv } from "./lib/run-command";
import { say } from "./lib/stats";
import { appEnv, CONTAINER, writeAppConfig } from "./openstack/app-config";
import { AppClient, startApp, stopApp, type App } from "./openstack/app-server";
import { countedPhase } from "./openstack/counted-phase";
import { CountingProxy } from "./openstack/counting-proxy";
import { downloadPhase } from "./openstack/download-phase";
import { emptyFigures } from "./openstack/figures";
import { readDemoOpenrc, readKeystoneEnv } from "./openstack/keystone";
import { logAction, type PhaseContext } from "./openstack/phase-context";
import { publishPhase } from "./openstack/publish-phase";
import { report } from "./openstack/report";
import { startUnlessRunning, stopService } from "./openstack/services";
import { createSourceLog } from "./openstack/source-log";
import { demoAccount, removeContainers, swiftPid, swiftPort } from "./openstack/swift-service";
import { TAIL_LINES, tailPhase } from "./openstack/tail-phase";

const MEGABYTES = Number(option("mb", "1024"));
const RUNS = Math.max(1, Number(option("runs", "3")));
const TAIL_RUNS = Math.max(20, Number(option("tail-runs", "30")));
const CLI_RUNS = Math.max(5, Number(option("cli-runs", "6")));
const BASE_DIR = option("dir", "/dev/shm");
const PORT = Number(option("port", "3400"));

async function main() {
  if (!Number.isFinite(MEGABYTES) || MEGABYTES <= 0) throw new Error("--mb must be a positive number");
  const scratch = mkdtempSync(join(BASE_DIR, "trove-logs-os-bench-"));
  let keystoneStarted = false;
  let swiftStarted = false;
  let openClient: AppClient | undefined; // closed at the end, whichever way the run ends
  let app: App | undefined;
  let proxy: CountingProxy | undefined;
  const scratchContainers: string[] = [];
  let dataContainerCreated = false;
  const stopRunningApp = async () => {
    await stopApp(app);
    app = undefined;
  };
  const onSignal = () => {
    void (async () => {
      await stopApp(app);
      rmSync(scratch, { recursive: true, force: true });
      process.exit(130);
    })();
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);

  try {
    // ---- services: start what is not running, remember what we started
    keystoneStarted = startUnlessRunning(
      "keystone.sh",
      { ...process.env, TROVE_PORT: String(PORT) },
      `starting Keystone (catalog database endpoint on port ${PORT})`,
    );
    const keystone = readKeystoneEnv();
    // The CLI finds the app through Keystone's catalog, so the app listens where that points.
    const port = Number(keystone.TROVE_PORT);
    if (port !== PORT) {
      say(`Keystone's catalog sends the CLI to port ${keystone.TROVE_PORT}: the app listens there instead`);
    }
    const client = new AppClient(port);
    openClient = client;
    if (await client.request("GET", "/", { timeoutMs: 1000 }).catch(() => undefined)) {
      throw new Error(`port ${port} is in use (the catalog's database endpoint): stop what runs there`);
    }
    swiftStarted = startUnlessRunning(
      "swift.sh",
      { ...process.env, ...keystone },
      "starting Swift (Keystone auth)",
    );
    const account = await demoAccount(keystone, scratch);
    const head = await fetch(`${account.storageUrl}/${CONTAINER}`, {
      method: "HEAD",
      headers: { "x-auth-token": account.token },
    });
    dataContainerCreated = head.status === 404;
    const openstackEnv = { ...readDemoOpenrc(), ...toolEnv(scratch), OS_INTERFACE: "public" };

    const source = await createSourceLog(scratch, MEGABYTES * 1e6, TAIL_LINES);
    const instance = writeAppConfig(scratch, keystone.KEYSTONE_DEMO_PROJECT_ID!, source.path);
    const env = (swiftUrl?: string) => appEnv({ port, keystone, config: instance.config, scratch, swiftUrl });
    const login = () => client.login("demo", keystone.KEYSTONE_DEMO_PASSWORD!, "demo");
    const figures = emptyFigures();
    const phase = (cookie: string): PhaseContext => ({
      ...{ rounds: RUNS, app: client, cookie, figures, source, scratch, account, openstackEnv },
      ...{ instanceId: instance.id, logPath: `/api/instances/${instance.id}/log` },
      pids: () => ({ app: app?.serverPid, swift: swiftPid("proxy"), object: swiftPid("object") }),
    });

    // ================================================================ phase A: the app straight at Swift
    say(`starting the app on :${port} (Swift from the service token's catalog)`);
    app = await startApp(client, env());
    say(
      `app serving (next-server pid ${app.serverPid}, RSS ${(rssKib(app.serverPid) / 1024).toFixed(0)} MB)`,
    );
    const direct = phase(await login());
    await logAction(direct, "enable");
    const objects = await publishPhase(direct, scratchContainers);
    await tailPhase(direct, keystone, { tail: TAIL_RUNS, cli: CLI_RUNS });
    await downloadPhase(direct);
    await stopRunningApp();

    // ================================================================ phase B: behind a counting proxy
    proxy = new CountingProxy(swiftPort(keystone));
    const proxyPort = await proxy.listen();
    say(
      `restarting the app with TROVE_LOGS_SWIFT_URL=http://127.0.0.1:${proxyPort}/v1 (counts Swift's bytes)`,
    );
    app = await startApp(client, env(`http://127.0.0.1:${proxyPort}/v1`));
    const counted = phase(await login());
    await countedPhase(counted, proxy);
    // Clean up the published objects (and the metafile) through the product itself.
    await logAction(counted, "discard");
    await stopRunningApp();

    report(figures, { size: source.size, lines: source.lines, objects }, RUNS);
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await stopApp(app);
    await proxy?.close();
    openClient?.close();
    if (scratchContainers.length || dataContainerCreated) {
      try {
        await removeContainers(scratch, scratchContainers, dataContainerCreated ? CONTAINER : undefined);
      } catch (error) {
        say(`cleanup of scratch containers failed: ${(error as Error).message}`);
      }
    }
    rmSync(scratch, { recursive: true, force: true });
    if (swiftStarted) stopService("swift.sh");
    if (keystoneStarted) stopService("keystone.sh");
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
