import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { now, say } from "../lib/stats";
import { appEnv, CONTAINER, writeAppConfig } from "./app-config";
import { AppClient, startApp, stopApp } from "./app-server";
import { readKeystoneEnv, type KeystoneEnv } from "./keystone";
import { logAction } from "./phase-context";
import { startUnlessRunning, stopService } from "./services";
import { createSourceLog, type SourceLog } from "./source-log";
import { demoAccount, removeContainers } from "./swift-service";

/** The app on the catalog's database port, signed in as demo, its instance's general log published in Swift. */
export interface PublishedApp {
  client: AppClient;
  /** The demo user's Cookie header. */
  cookie: string;
  instanceId: string;
  /** /api/instances/<id>/log */
  logPath: string;
  source: SourceLog;
  keystone: KeystoneEnv;
  scratch: string;
}

/**
 * Runs `body` against the app (Keystone sign-in, real Swift) with a generated MySQL general log of
 * `megabytes` published, then discards it and cleans up. Starts Keystone (its catalog's database
 * endpoint on `port`) and Swift only when they are not running. Run under `flock /tmp/trove-logs-e2e.lock`: the catalog sends the CLI to the e2e port.
 */
export async function withPublishedApp(
  { megabytes, dir, port: trovePort }: { megabytes: number; dir: string; port: number },
  body: (app: PublishedApp) => Promise<void>,
): Promise<void> {
  const scratch = mkdtempSync(join(dir, "trove-logs-bench-"));
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  let client: AppClient | undefined;
  let dataContainerCreated = false;
  const keystoneStarted = startUnlessRunning(
    "keystone.sh",
    { ...process.env, TROVE_PORT: String(trovePort) },
    "starting Keystone",
  );
  const keystone = readKeystoneEnv();
  const port = Number(keystone.TROVE_PORT);
  const swiftStarted = startUnlessRunning("swift.sh", { ...process.env, ...keystone }, "starting Swift");
  try {
    client = new AppClient(port);
    if (await client.request("GET", "/", { timeoutMs: 1000 }).catch(() => undefined)) {
      throw new Error(`port ${port} is in use (the catalog's database endpoint): stop what runs there`);
    }
    const account = await demoAccount(keystone, scratch);
    const head = await fetch(`${account.storageUrl}/${CONTAINER}`, {
      method: "HEAD",
      headers: { "x-auth-token": account.token },
    });
    dataContainerCreated = head.status === 404;
    const source = await createSourceLog(scratch, megabytes * 1e6, 50);
    const instance = writeAppConfig(scratch, keystone.KEYSTONE_DEMO_PROJECT_ID!, source.path);
    app = await startApp(client, appEnv({ port, keystone, config: instance.config, scratch }));
    const cookie = await client.login("demo", keystone.KEYSTONE_DEMO_PASSWORD!, "demo");
    const ctx = { app: client, cookie, logPath: `/api/instances/${instance.id}/log` };
    await logAction(ctx, "enable");
    const started = now();
    await logAction(ctx, "publish");
    say(
      `published ${(source.size / 1e6).toFixed(0)} MB, ${source.lines} lines in Swift in ${((now() - started) / 1000).toFixed(1)} s`,
    );
    await body({ client, cookie, instanceId: instance.id, logPath: ctx.logPath, source, keystone, scratch });
    await logAction(ctx, "discard");
  } finally {
    await stopApp(app);
    client?.close();
    if (dataContainerCreated) await removeContainers(scratch, [], CONTAINER).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
    if (swiftStarted) stopService("swift.sh");
    if (keystoneStarted) stopService("keystone.sh");
  }
}
