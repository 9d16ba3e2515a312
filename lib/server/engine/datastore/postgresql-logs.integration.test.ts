import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  marker,
  requireServer,
  runSql,
  serverLogDir,
  type TestServer,
} from "@/scripts/services/datastore-env";
import {
  engineFromConfig,
  publishedObjects,
  readPublished,
  swiftScenarioEngine,
} from "@/lib/server/testing/datastore-fixture";
import { ADMIN, makeWorkspace, MEMBER } from "@/lib/server/testing/engine-fixture";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import type { GuestLogEngine } from "../guest-log-engine";
import { runRestartCommand } from "./restart-command";

// The design's scenario against the real PostgreSQL that scripts/services/postgresql.sh starts,
// restarts included. A missing server fails every test here, saying how to start it.

const REAL = "pg000000-0000-4000-8000-000000000001";
const LIMITED = "pg000000-0000-4000-8000-000000000002";
const BAD_DIR = "pg000000-0000-4000-8000-000000000003";
const NO_RESTART = "pg000000-0000-4000-8000-000000000004";
const BAD_RESTART = "pg000000-0000-4000-8000-000000000005";

let server: TestServer;
let workspace: ReturnType<typeof makeWorkspace>;
let engine: GuestLogEngine;
let logDir: string;
const missingDir = "/nonexistent-trove-logs-dir/logs";

/** What runs and what is set in postgresql.auto.conf (what ALTER SYSTEM wrote). */
async function collector() {
  const [settings, file] = await runSql(server, [
    "SELECT name, setting, pending_restart FROM pg_settings WHERE name IN " +
      "('logging_collector', 'log_directory', 'log_filename', 'log_statement')",
    "SELECT name, setting FROM pg_file_settings WHERE sourcefile LIKE '%postgresql.auto.conf' ORDER BY name",
  ]);
  return { settings, autoConf: file };
}

/** Back to the cluster's own configuration: whatever an earlier, interrupted run left goes. */
async function resetServer() {
  await runSql(server, ["ALTER SYSTEM RESET ALL", "SELECT pg_reload_conf()"]);
  const [rows] = await runSql(server, [
    "SELECT pending_restart FROM pg_settings WHERE name = 'logging_collector'",
  ]);
  const running = await runSql(server, ["SHOW logging_collector"]);
  if (
    (rows as Array<{ pending_restart: boolean }>)[0]?.pending_restart ||
    JSON.stringify(running).includes("on")
  ) {
    await runRestartCommand(server.restartCommand!, 60_000);
  }
}

beforeAll(async () => {
  server = await requireServer("postgresql");
  if (!server.restartCommand)
    throw new Error("postgresql.sh did not say how to restart the server (env file)");
  await resetServer();
  workspace = makeWorkspace();
  logDir = serverLogDir(server, "vitest");
  const connection = { host: server.host, port: server.port, password_file: server.passwordFile };
  const instance = (id: string, name: string, extra: Record<string, unknown>) => ({
    id,
    name,
    project_id: "demo",
    datastore: { type: "postgresql", version: server.version },
    log_dir: logDir,
    ...extra,
  });
  const restart_command = server.restartCommand;
  engine = engineFromConfig(workspace, {
    datastores: { postgresql: { guest_log_long_query_time: 200 } },
    instances: [
      instance(REAL, "pg-real", { server: { ...connection, user: server.user, restart_command } }),
      instance(LIMITED, "pg-limited", {
        server: { ...connection, user: server.limitedUser, restart_command },
      }),
      instance(BAD_DIR, "pg-bad-dir", { log_dir: missingDir, server: { ...connection, user: server.user } }),
      instance(NO_RESTART, "pg-no-restart", { server: { ...connection, user: server.user } }),
      instance(BAD_RESTART, "pg-bad-restart", {
        server: { ...connection, user: server.user, restart_command: ["false"] },
      }),
    ],
  });
}, 90_000);

afterAll(async () => {
  if (server?.restartCommand) await resetServer().catch(() => undefined);
  await engine?.close();
  if (logDir) rmSync(logDir, { recursive: true, force: true });
  await workspace?.cleanup();
}, 90_000);

const generalFile = () => join(logDir, "postgresql-general.log");
const prefix = `${REAL}/postgresql-general/`;

describe("failures leave the server as it was", () => {
  it("missing privileges: a 400 that says so, nothing in postgresql.auto.conf, ERROR on the instance", async () => {
    const before = await collector();
    await expect(engine.logAction(MEMBER, LIMITED, { name: "general", enable: true })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(
        /role trove_logs_limited may not enable the general log: permission denied/,
      ),
    });
    expect(await collector()).toEqual(before);
    expect(await engine.checkInstance(MEMBER, LIMITED)).toMatchObject({
      status: "ERROR",
      fault: expect.any(Object),
    });
    expect((await engine.listLogs(MEMBER, LIMITED))[0]?.status).toBe("Disabled");
  });

  it("an unwritable log directory is refused before anything changes (a restart would not come back)", async () => {
    const before = await collector();
    await expect(engine.logAction(MEMBER, BAD_DIR, { name: "general", enable: true })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("cannot write its log into the instance's log_dir"),
      detail: expect.stringContaining(missingDir),
    });
    expect(await collector()).toEqual(before);
  });

  it("no restart_command: the restart is refused with what to do; a failing one is reported", async () => {
    await expect(engine.restartInstance(MEMBER, NO_RESTART)).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/no restart_command .* restart it yourself/),
    });
    expect((await engine.checkInstance(MEMBER, NO_RESTART)).status).toBe("ACTIVE");
    await expect(engine.restartInstance(MEMBER, BAD_RESTART)).rejects.toMatchObject({
      code: "bad_request",
      message: "The restart_command failed (exit status 1).",
      detail: expect.stringMatching(/^false/),
    });
    expect((await engine.checkInstance(MEMBER, BAD_RESTART)).status).toBe("ERROR");
  });
});

/**
 * Steps 1–6 of the design's scenario, against whichever store the engine publishes into (the local
 * store, then the real Swift): every check reads the store back.
 */
function designScenario(at: () => { engine: GuestLogEngine; store: ObjectStore }) {
  const first = marker();
  const second = marker();
  const afterDisable = marker("after-disable");

  it("1. lists the instance's logs and retrieves the published guest log", async () => {
    const logs = await at().engine.listLogs(ADMIN, REAL);
    expect(logs.map((log) => [log.name, log.type, log.status])).toEqual([
      ["general", "USER", "Disabled"],
      ["guest", "SYS", "Ready"],
    ]);
    await at().engine.logAction(ADMIN, REAL, { name: "guest", publish: true });
    expect((await readPublished(at().engine, REAL, "guest")).tail).toContain(
      "Trove Logs serves the logs of instance pg-real: PostgreSQL at",
    );
  });

  it("2. enable → Restart Required and RESTART_REQUIRED → Restart → the log's real status", async () => {
    const enabled = await at().engine.logAction(MEMBER, REAL, { name: "general", enable: true });
    expect(enabled.status).toBe("Restart Required");
    expect(await at().engine.checkInstance(MEMBER, REAL)).toMatchObject({ status: "RESTART_REQUIRED" });
    expect((await collector()).settings).toContainEqual({
      name: "logging_collector",
      setting: "off",
      pending_restart: true,
    });
    // Stays so when asked again (read from pg_settings, not remembered).
    expect((await at().engine.listLogs(MEMBER, REAL))[0]?.status).toBe("Restart Required");
    const restarted = await at().engine.restartInstance(MEMBER, REAL);
    expect(restarted.status).toBe("ACTIVE");
    expect((await collector()).settings).toEqual(
      expect.arrayContaining([
        { name: "logging_collector", setting: "on", pending_restart: false },
        { name: "log_directory", setting: logDir, pending_restart: false },
        { name: "log_filename", setting: "postgresql-general.log", pending_restart: false },
        { name: "log_statement", setting: "all", pending_restart: false },
      ]),
    );
    expect((await at().engine.listLogs(MEMBER, REAL))[0]?.status).toMatch(/Enabled|Ready/);
    expect(existsSync(generalFile())).toBe(true);
  });

  it("3. runs marked commands, publishes, finds them (and the slow one's duration) in the tail and the download", async () => {
    await runSql(server, [`SELECT '${first}'`, "SELECT pg_sleep(0.4)"]);
    expect((await at().engine.logAction(MEMBER, REAL, { name: "general", publish: true })).status).toBe(
      "Published",
    );
    const read = await readPublished(at().engine, REAL, "general");
    expect(read.tail).toContain(`statement: SELECT '${first}'`);
    expect(read.tail).toMatch(/duration: 4\d\d\.\d+ ms/);
    expect(read.download).toContain(first);
    // Trove Logs' own polling is not in it (the test's own queries are).
    expect(read.download).not.toContain("SELECT setting, pending_restart FROM pg_settings");
  });

  it("4. publishes again after more commands and sends only the new bytes", async () => {
    const before = await publishedObjects(at().store, "demo", prefix);
    const publishedBefore = before.reduce((sum, object) => sum + object.bytes, 0);
    await runSql(server, [`SELECT '${second}'`]);
    const log = await at().engine.logAction(MEMBER, REAL, { name: "general", publish: true });
    const after = await publishedObjects(at().store, "demo", prefix);
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added).toHaveLength(1);
    expect(added[0]!.offset).toBe(publishedBefore);
    expect(added[0]!.text).toContain(second);
    expect(added[0]!.text).not.toContain(first);
    expect(log.published).toBe(publishedBefore + added[0]!.bytes);
  });

  it("5. discards: every object of the log and its metafile are gone from the store", async () => {
    expect(await at().engine.logAction(MEMBER, REAL, { name: "general", discard: true })).toMatchObject({
      published: 0,
      prefix: "None",
    });
    expect(await publishedObjects(at().store, "demo", prefix)).toEqual([]);
    await expect(
      at().store.headObject("demo", "database_logs", `${REAL}/postgresql-general_metafile`),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("6. disable → Restart Required; a restart done outside Trove Logs shows up; later commands stay out", async () => {
    expect((await at().engine.logAction(MEMBER, REAL, { name: "general", disable: true })).status).toBe(
      "Restart Required",
    );
    expect((await at().engine.checkInstance(MEMBER, REAL)).status).toBe("RESTART_REQUIRED");
    await runRestartCommand(server.restartCommand!, 60_000); // not through Trove Logs
    expect((await at().engine.listLogs(MEMBER, REAL))[0]?.status).toBe("Disabled");
    expect((await at().engine.checkInstance(MEMBER, REAL)).status).toBe("ACTIVE");
    await runSql(server, [`SELECT '${afterDisable}'`]);
    expect(readFileSync(generalFile(), "utf8")).not.toContain(afterDisable);
    const published = await at().engine.logAction(MEMBER, REAL, {
      name: "general",
      publish: true,
      disable: true,
    });
    expect(published.status).toBe("Disabled");
    const read = await readPublished(at().engine, REAL, "general", 0);
    expect(read.download).toContain(second);
    expect(read.download).not.toContain(afterDisable);
  });
}

describe("the design's scenario on PostgreSQL, local store", () => {
  designScenario(() => ({ engine, store: workspace.store }));

  it("writes every operation into the instance's guest log", async () => {
    const guest = readFileSync(join(workspace.dir, "logs", REAL, "postgresql-guest.log"), "utf8");
    expect(guest).toMatch(
      /Enabled log 'general': .* writes it to .*; takes effect when the datastore restarts/,
    );
    expect(guest).toMatch(/Restarted the datastore \(PostgreSQL at .*\); pending log changes took effect/);
    expect(guest).toMatch(/Disabled log 'general'; takes effect when the datastore restarts/);
    expect(guest).toMatch(/Discarded the published copy of log 'general'/);
    const limited = readFileSync(join(workspace.dir, "logs", LIMITED, "postgresql-guest.log"), "utf8");
    expect(limited).toMatch(/ERROR trove_logs\.guest_log \[-\] Could not enable log 'general'/);
  });
});

describe("the design's scenario on PostgreSQL, publishing into the real Swift", () => {
  const onSwift = swiftScenarioEngine(
    () => ({
      datastores: { postgresql: { guest_log_long_query_time: 200 } },
      instances: [
        {
          id: REAL,
          name: "pg-real",
          project_id: "demo",
          datastore: { type: "postgresql", version: server.version },
          log_dir: logDir,
          server: {
            host: server.host,
            port: server.port,
            password_file: server.passwordFile,
            user: server.user,
            restart_command: server.restartCommand,
          },
        },
      ],
    }),
    REAL,
    ["guest", "general"],
  );
  beforeAll(async () => {
    await resetServer();
    await onSwift.open();
  }, 90_000);
  afterAll(() => onSwift.close());

  designScenario(onSwift.current);
});
