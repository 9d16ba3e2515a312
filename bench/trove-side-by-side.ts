/**
 * Benchmark (issue 10, "Side by side"): the real Trove 18 of scripts/services/trove.sh and Trove Logs on
 * the same ~50 MB MySQL general log (CRLF line ends, UTF-8 text) and the same Swift, in one run.
 *
 *   0. UTF-8     the file once on each side: Trove 18's guest cannot publish text beyond Latin-1
 *                (swiftclient gets a str body, http.client encodes it as Latin-1); ours: byte-exact.
 *                The timed rounds therefore use the same lines in ASCII (CRLF kept):
 *   1. Publish   Trove: POST …/log {publish} (API → RabbitMQ → guest agent → Swift), timed until the
 *                guest wrote its last object and metafile; ours: the embedded publisher (swift store)
 *   2. Tail 50   our dashboard (openstack backend, region RegionTrove) on the log Trove published
 *                vs `openstack database log tail … --lines 50`
 *   3. Download  the dashboard's download of that log vs `openstack database log save`
 * and what each copy holds: sha256 and bytes of both published copies against the source, and of
 * both downloads against Trove's copy (Trove's guest reads text mode: see trove-guest-logs.md §5.2).
 *
 * The source goes into guest "a"'s general log file (MariaDB's general_log switched off meanwhile);
 * the guest is left as found: general log disabled and discarded, its file's old contents back.
 * Share the real Trove with the e2e tests through their lock:
 *
 *   flock /tmp/trove-logs-e2e.lock npx vite-node --config vitest.config.mts bench/trove-side-by-side.ts --
 *       [--mb 50] [--runs 3] [--port 3420] [--dir /dev/shm]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { option } from "./lib/cli-options";
import { sha256File, toolEnv } from "./lib/run-command";
import { now, say } from "./lib/stats";
import { appEnv, OBJECT_LIMIT, writeAppConfig } from "./openstack/app-config";
import { AppClient, startApp, stopApp, type App } from "./openstack/app-server";
import { oursDownloadSha } from "./openstack/download-phase";
import { readDemoOpenrc, readKeystoneEnv } from "./openstack/keystone";
import { logAction } from "./openstack/phase-context";
import { createSourceLog } from "./openstack/source-log";
import { demoAccount } from "./openstack/swift-service";
import { Guest, troveEnv } from "./trove/guest";
import { readCopy, troveModel } from "./trove/published-copy";
import { publishRounds, troveDiscard } from "./trove/publish-rounds";
import { readRounds, TAIL_LINES } from "./trove/read-rounds";
import { sideReport } from "./trove/side-report";
import { TroveApi } from "./trove/trove-api";
import { utf8Probe } from "./trove/utf8-probe";

const MEGABYTES = Number(option("mb", "50"));
const RUNS = Math.max(1, Number(option("runs", "3")));
const PORT = Number(option("port", "3420"));
const BASE_DIR = option("dir", "/dev/shm");

async function main() {
  const startedAt = now();
  const keystone = readKeystoneEnv();
  const troveSettings = troveEnv();
  const instanceId = troveSettings.TROVE_LOGS_TEST_TROVE_INSTANCE!;
  const region = troveSettings.TROVE_LOGS_TEST_TROVE_REGION!;
  const guest = new Guest("a", troveSettings.TROVE_LOGS_TEST_TROVE_DATASTORE ?? "mariadb");
  const scratch = mkdtempSync(join(BASE_DIR, "trove-logs-side-"));
  const apps: App[] = [];
  const clients = [new AppClient(PORT), new AppClient(PORT + 1)] as const;
  const account = await demoAccount(keystone, scratch);
  const trove = new TroveApi(
    troveSettings.TROVE_LOGS_TEST_TROVE_URL!,
    keystone.KEYSTONE_DEMO_PROJECT_ID!,
    instanceId,
    account.token,
  );
  let guestTouched = false;
  const cleanUp = async () => {
    for (const app of apps.splice(0)) await stopApp(app);
    for (const client of clients) client.close();
    if (guestTouched) {
      guestTouched = false;
      // As found: disabled, nothing published, the file's old contents back.
      const disabled = await trove.action("disable");
      if (disabled.status !== 200) say(`Trove disable answered ${disabled.status}: ${disabled.error}`);
      await troveDiscard(trove).catch((error: Error) => say(`Trove discard failed: ${error.message}`));
      guest.setGeneralLog(false);
      guest.restoreGeneralLog();
      say(`guest left as found: ${JSON.stringify(await trove.expect("show"))}`);
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  try {
    for (const client of clients) {
      if (await client.request("GET", "/", { timeoutMs: 1000 }).catch(() => undefined)) {
        throw new Error(`port ${client.port} is in use: pass --port`);
      }
    }
    const utf8 = await createSourceLog(scratch, MEGABYTES * 1e6, TAIL_LINES, {
      eol: "\r\n",
      name: "utf8.log",
    });
    const shape = { eol: "\r\n", ascii: true, name: "ascii.log" };
    const source = await createSourceLog(scratch, MEGABYTES * 1e6, TAIL_LINES, shape);
    const model = troveModel(source.path, OBJECT_LIMIT);

    // ---- the guest's general log: enabled through Trove, then MariaDB stops writing, then our source
    guest.saveGeneralLog();
    guestTouched = true;
    await trove.expect("enable");
    guest.setGeneralLog(false);
    guest.checkGeneralLogFile();
    const guestFile = guest.path(guest.generalLogFile());
    say(`the sources go into the guest's ${guest.generalLogFile()} (MariaDB's general_log OFF meanwhile)`);

    // ---- ours: the embedded publisher on the same file; the dashboard in openstack mode (Trove's region)
    const instance = writeAppConfig(scratch, keystone.KEYSTONE_DEMO_PROJECT_ID!, guestFile);
    const embeddedEnv = appEnv({ port: PORT, keystone, config: instance.config, scratch });
    const dashboardEnv = {
      ...appEnv({ port: PORT + 1, keystone, config: "", scratch: join(scratch, "dashboard") }),
      ...{ TROVE_LOGS_BACKEND: "openstack", TROVE_LOGS_REGION: region },
      ...{ TROVE_LOGS_OBJECT_STORE: undefined, TROVE_LOGS_CONFIG: undefined },
    };
    say(
      `starting the embedded app on :${PORT} and the dashboard (openstack backend, ${region}) on :${PORT + 1}`,
    );
    apps.push(await startApp(clients[0], embeddedEnv), await startApp(clients[1], dashboardEnv));
    const login = (client: AppClient) => client.login("demo", keystone.KEYSTONE_DEMO_PASSWORD!, "demo");
    const ours = {
      app: clients[0],
      cookie: await login(clients[0]),
      logPath: `/api/instances/${instance.id}/log`,
    };
    await logAction(ours, "enable");

    const probe = await utf8Probe(guest, trove, account, ours, utf8);
    await guest.placeGeneralLog(source);
    const publish = await publishRounds({ trove, account, ours, source, rounds: RUNS });
    if ((await sha256File(guestFile)) !== source.sha256)
      throw new Error("the guest's general log changed during the publishes");
    const troveCopy = await readCopy(account, publish.troveLog!.prefix, TAIL_LINES);
    const oursCopy = await readCopy(account, publish.oursPrefix!, TAIL_LINES);
    const roundTrip = await oursDownloadSha(ours);
    await logAction(ours, "discard");

    const dashboard = {
      app: clients[1],
      cookie: await login(clients[1]),
      logPath: `/api/instances/${instanceId}/log`,
    };
    const cliEnv = {
      ...readDemoOpenrc(),
      ...toolEnv(scratch),
      OS_INTERFACE: "public",
      OS_REGION_NAME: region,
    };
    const read = await readRounds({ dashboard, instanceId, cliEnv, copy: troveCopy, scratch, rounds: RUNS });

    sideReport(
      probe,
      publish,
      read,
      { source, troveCopy, oursCopy, model, oursRoundTripSha: roundTrip },
      RUNS,
    );
    say(`bench run time ${((now() - startedAt) / 1000).toFixed(0)} s`);
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
