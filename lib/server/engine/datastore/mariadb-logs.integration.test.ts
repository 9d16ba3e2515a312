import { mkdirSync, readFileSync, rmSync } from "node:fs";
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
  closedPort,
  engineFromConfig,
  publishedObjects,
  readPublished,
  silentServer,
  swiftScenarioEngine,
} from "@/lib/server/testing/datastore-fixture";
import { ADMIN, makeWorkspace, MEMBER } from "@/lib/server/testing/engine-fixture";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import type { GuestLogEngine } from "../guest-log-engine";

// The design's scenario against the real MariaDB that scripts/services/mariadb.sh starts. A missing
// server fails every test here, saying how to start it.

const REAL = "ma000000-0000-4000-8000-000000000001";
const LIMITED = "ma000000-0000-4000-8000-000000000002";
const BAD_DIR = "ma000000-0000-4000-8000-000000000003";
const DOWN = "ma000000-0000-4000-8000-000000000004";
const HANGS = "ma000000-0000-4000-8000-000000000005";

let server: TestServer;
let workspace: ReturnType<typeof makeWorkspace>;
let engine: GuestLogEngine;
let logDir: string;
let hanging: Awaited<ReturnType<typeof silentServer>>;
const unwritable = "/proc/trove-logs-cannot-write-here";

const variables = async () =>
  (
    await runSql(server, [
      "SELECT @@global.general_log AS general_log, @@global.general_log_file AS general_log_file, " +
        "@@global.slow_query_log AS slow_query_log, @@global.long_query_time AS long_query_time",
    ])
  )[0]![0] as {
    general_log: number;
    general_log_file: string;
    slow_query_log: number;
    long_query_time: string;
  };

const switchOff = () =>
  runSql(server, ["SET GLOBAL general_log = OFF", "SET GLOBAL slow_query_log = OFF"]).catch(() => undefined);

beforeAll(async () => {
  server = await requireServer("mariadb");
  await switchOff(); // whatever an earlier, interrupted run left
  workspace = makeWorkspace();
  logDir = serverLogDir(server, "vitest");
  hanging = await silentServer();
  const connection = { host: server.host, port: server.port, password_file: server.passwordFile };
  const instance = (id: string, name: string, extra: Record<string, unknown>) => ({
    id,
    name,
    project_id: "demo",
    datastore: { type: "mariadb", version: server.version },
    log_dir: logDir,
    ...extra,
  });
  engine = engineFromConfig(workspace, {
    datastores: { mariadb: { guest_log_long_query_time: 200 } },
    instances: [
      instance(REAL, "maria-real", { server: { ...connection, user: server.user } }),
      instance(LIMITED, "maria-limited", { server: { ...connection, user: server.limitedUser } }),
      instance(BAD_DIR, "maria-bad-dir", {
        log_dir: unwritable,
        server: { ...connection, user: server.user },
      }),
      instance(DOWN, "maria-down", {
        server: { ...connection, port: await closedPort(), user: server.user, timeout: 2 },
      }),
      instance(HANGS, "maria-hangs", {
        server: { ...connection, port: hanging.port, user: server.user, timeout: 1 },
      }),
    ],
  });
}, 60_000);

afterAll(async () => {
  await switchOff();
  await engine?.close();
  await hanging?.close();
  if (logDir) rmSync(logDir, { recursive: true, force: true });
  await workspace?.cleanup();
});

const generalFile = () => join(logDir, "mariadb-general.log");
const slowFile = () => join(logDir, "mariadb-slow_query.log");
const prefix = (log: string) => `${REAL}/mariadb-${log}/`;

describe("failures leave the server as it was, and the other logs and instances keep working", () => {
  it("missing privileges: a 400 that says so, nothing switched, ERROR with a fault on the instance", async () => {
    const before = await variables();
    await expect(engine.logAction(MEMBER, LIMITED, { name: "general", enable: true })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/trove_logs_limited may not enable log 'general'.*SUPER/),
    });
    expect(await variables()).toEqual(before);
    const instance = await engine.checkInstance(MEMBER, LIMITED);
    expect(instance).toMatchObject({ status: "ERROR", fault: { message: expect.stringMatching(/SUPER/) } });
    expect(engine.logFault(LIMITED, "general")?.message).toMatch(/SUPER/);
    // The state can still be read, and the other logs list as usual.
    const logs = await engine.listLogs(ADMIN, LIMITED);
    expect(logs.find((log) => log.name === "general")?.status).toBe("Disabled");
    const guest = readFileSync(join(workspace.dir, "logs", LIMITED, "mariadb-guest.log"), "utf8");
    expect(guest).toMatch(/ERROR trove_logs\.guest_log \[-\] Could not enable log 'general': .*SUPER/);
  });

  it("an unwritable log directory: a 400 saying so (the path in the server log), general_log_file and general_log untouched", async () => {
    const before = await variables();
    await expect(engine.logAction(MEMBER, BAD_DIR, { name: "general", enable: true })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/cannot write its log into the instance's log_dir/),
      detail: expect.stringContaining(`${unwritable}/mariadb-general.log`),
    });
    await expect(
      engine.logAction(MEMBER, BAD_DIR, { name: "slow_query", enable: true }),
    ).rejects.toMatchObject({
      code: "bad_request",
    });
    expect(await variables()).toEqual(before);
    expect((await engine.checkInstance(MEMBER, BAD_DIR)).status).toBe("ERROR");
  });

  it("an unreachable server: logs Unavailable, instance SHUTDOWN, actions 503; the others keep working", async () => {
    const logs = await engine.listLogs(ADMIN, DOWN);
    expect(Object.fromEntries(logs.map((log) => [log.name, log.status]))).toMatchObject({
      guest: expect.stringMatching(/Enabled|Ready/),
      general: "Unavailable",
      slow_query: "Unavailable",
    });
    const instance = await engine.checkInstance(MEMBER, DOWN);
    expect(instance).toMatchObject({
      status: "SHUTDOWN",
      fault: { message: expect.stringMatching(/Cannot reach/) },
    });
    // Where the server is goes to the server log (detail), not to the instance's project.
    const refused = await engine
      .logAction(MEMBER, DOWN, { name: "general", enable: true })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: "service_unavailable",
      message: expect.stringMatching(/^Cannot reach the MariaDB server to [a-z' ]+: ECONNREFUSED\.$/),
      detail: expect.stringMatching(/MariaDB at 127\.0\.0\.1:\d+ .*ECONNREFUSED/),
      reference: expect.stringMatching(/^[0-9a-f]{10}$/),
    });
    expect(instance.fault?.message).not.toMatch(/127\.0\.0\.1/);
    // The guest log is ours, not the server's: it still publishes.
    expect((await engine.logAction(ADMIN, DOWN, { name: "guest", publish: true })).status).toBe("Published");
    const all = await engine.checkInstances(ADMIN, true);
    expect(all.find((entry) => entry.id === REAL)?.status).toBe("ACTIVE");
  });

  it("a server that never answers: the action fails within the timeout, never hangs", async () => {
    const started = Date.now();
    await expect(engine.logAction(MEMBER, HANGS, { name: "general", enable: true })).rejects.toMatchObject({
      code: "service_unavailable",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await engine.checkInstance(MEMBER, HANGS)).status).toBe("SHUTDOWN");
  });
});

/**
 * Steps 1–6 of the design's scenario, against whichever store the engine publishes into (the local
 * store, then the real Swift): every check reads the store back.
 */
function designScenario(at: () => { engine: GuestLogEngine; store: ObjectStore }) {
  const first = marker();
  const slow = marker("slow");
  const second = marker();
  const afterDisable = marker("after-disable");

  it("1. lists the instance's logs and retrieves the published guest log", async () => {
    const logs = await at().engine.listLogs(ADMIN, REAL);
    expect(logs.map((log) => [log.name, log.type])).toEqual([
      ["general", "USER"],
      ["slow_query", "USER"],
      ["error", "SYS"],
      ["guest", "SYS"],
    ]);
    expect(logs.find((log) => log.name === "general")?.status).toBe("Disabled");
    expect((await at().engine.listLogs(MEMBER, REAL)).map((log) => log.name)).toEqual([
      "general",
      "slow_query",
    ]);
    await at().engine.logAction(ADMIN, REAL, { name: "guest", publish: true });
    const guest = await readPublished(at().engine, REAL, "guest");
    expect(guest.tail).toContain(
      `Trove Logs serves the logs of instance maria-real: MariaDB at ${server.host}:`,
    );
    // The error log is the server's own log_error file.
    expect((await at().engine.logAction(ADMIN, REAL, { name: "error", publish: true })).status).toBe(
      "Published",
    );
    expect((await readPublished(at().engine, REAL, "error")).download).toMatch(
      /mariadbd|ready for connections/,
    );
  });

  it("2. enables general and slow_query on the server itself, then runs marked commands", async () => {
    const general = await at().engine.logAction(MEMBER, REAL, { name: "general", enable: true });
    expect(general.status).toMatch(/Enabled|Ready/);
    expect((await at().engine.logAction(MEMBER, REAL, { name: "slow_query", enable: true })).status).toMatch(
      /Enabled|Ready/,
    );
    expect(await variables()).toMatchObject({
      general_log: 1,
      general_log_file: generalFile(),
      slow_query_log: 1,
      long_query_time: 0.2,
    });
    await runSql(server, [`SELECT '${first}'`, `SELECT SLEEP(0.5), '${slow}'`]);
    expect(readFileSync(generalFile(), "utf8")).toContain(first);
    // The slow log entry is written once the statement has ended, maybe after its result came back.
    await expect.poll(() => readFileSync(slowFile(), "utf8"), { timeout: 5_000 }).toContain(slow);
  });

  it("3. publishes and finds the marker and the slow query in the tail and the download", async () => {
    expect((await at().engine.logAction(MEMBER, REAL, { name: "general", publish: true })).status).toBe(
      "Published",
    );
    expect((await at().engine.logAction(MEMBER, REAL, { name: "slow_query", publish: true })).status).toBe(
      "Published",
    );
    const general = await readPublished(at().engine, REAL, "general");
    expect(general.tail).toContain(`SELECT '${first}'`);
    expect(general.download).toContain(`SELECT '${first}'`);
    const slowLog = await readPublished(at().engine, REAL, "slow_query");
    expect(slowLog.tail).toMatch(/# Query_time: 0\.5\d*/);
    expect(slowLog.tail).toContain(`SELECT SLEEP(0.5), '${slow}'`);
    expect(slowLog.download).toContain(slow);
    expect(slowLog.download).not.toContain(first); // fast: not slow
  });

  it("4. publishes again after more commands and sends only the new bytes", async () => {
    const before = await publishedObjects(at().store, "demo", prefix("general"));
    const publishedBefore = before.reduce((sum, object) => sum + object.bytes, 0);
    await runSql(server, [`SELECT '${second}'`]);
    const log = await at().engine.logAction(MEMBER, REAL, { name: "general", publish: true });
    const after = await publishedObjects(at().store, "demo", prefix("general"));
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added).toHaveLength(1);
    expect(added[0]!.offset).toBe(publishedBefore);
    expect(added[0]!.text).toContain(second);
    expect(added[0]!.text).not.toContain(first);
    expect(log).toMatchObject({ status: "Published", published: publishedBefore + added[0]!.bytes });
    expect(readFileSync(generalFile()).subarray(publishedBefore, log.published).toString()).toBe(
      added[0]!.text,
    );
  });

  it("5. discards: every object of the log and its metafile are gone from the store", async () => {
    const discarded = await at().engine.logAction(MEMBER, REAL, { name: "general", discard: true });
    expect(discarded).toMatchObject({ published: 0, status: "Ready", prefix: "None" });
    expect(await publishedObjects(at().store, "demo", prefix("general"))).toEqual([]);
    await expect(
      at().store.headObject("demo", "database_logs", `${REAL}/mariadb-general_metafile`),
    ).rejects.toMatchObject({ status: 404 });
    // slow_query's copy is another log's and stays.
    expect((await publishedObjects(at().store, "demo", prefix("slow_query"))).length).toBeGreaterThan(0);
  });

  it("6. disables the log: the server stops writing it, a later command does not reach it", async () => {
    expect((await at().engine.logAction(MEMBER, REAL, { name: "general", disable: true })).status).toBe(
      "Disabled",
    );
    expect((await variables()).general_log).toBe(0);
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

describe("the design's scenario on MariaDB, local store", () => {
  designScenario(() => ({ engine, store: workspace.store }));
  it("reads the state from the server: a change made outside Trove Logs shows up", async () => {
    await runSql(server, ["SET GLOBAL general_log = ON"]);
    expect((await engine.logAction(MEMBER, REAL, { name: "general" })).status).not.toBe("Disabled");
    await runSql(server, ["SET GLOBAL general_log = OFF"]);
    expect((await engine.logAction(MEMBER, REAL, { name: "general" })).status).toBe("Disabled");
    // Elsewhere: Trove Logs follows the file the server names.
    const elsewhere = join(logDir, "elsewhere");
    mkdirSync(elsewhere);
    const { uid, gid } = (await import("node:fs")).statSync(logDir);
    (await import("node:fs")).chownSync(elsewhere, uid, gid);
    const moved = marker("moved");
    await runSql(server, [
      `SET GLOBAL general_log_file = '${elsewhere}/general.log'`,
      "SET GLOBAL general_log = ON",
      `SELECT '${moved}'`,
    ]);
    await engine.logAction(MEMBER, REAL, { name: "general", publish: true });
    expect((await readPublished(engine, REAL, "general")).tail).toContain(moved);
    await switchOff();
  });

  it("writes every operation into the instance's guest log", async () => {
    const guest = readFileSync(join(workspace.dir, "logs", REAL, "mariadb-guest.log"), "utf8");
    for (const line of [
      /INFO trove_logs\.guest_log \[-\] Trove Logs serves the logs of instance maria-real/,
      /Enabled log 'general': MariaDB at .* writes it to .*mariadb-general\.log/,
      /Enabled log 'slow_query'/,
      /Publishing log 'general' from .*mariadb-general\.log \(\d+ bytes published before\)/,
      /Discarded the published copy of log 'general'/,
      /Disabled log 'general'/,
    ]) {
      expect(guest).toMatch(line);
    }
    expect(guest).not.toContain(readFileSync(server.passwordFile, "utf8").trim());
  });
});

describe("the design's scenario on MariaDB, publishing into the real Swift", () => {
  const onSwift = swiftScenarioEngine(
    () => ({
      datastores: { mariadb: { guest_log_long_query_time: 200 } },
      instances: [
        {
          id: REAL,
          name: "maria-real",
          project_id: "demo",
          datastore: { type: "mariadb", version: server.version },
          log_dir: logDir,
          server: {
            host: server.host,
            port: server.port,
            password_file: server.passwordFile,
            user: server.user,
          },
        },
      ],
    }),
    REAL,
    ["guest", "error", "general", "slow_query"],
  );
  beforeAll(async () => {
    await switchOff();
    await onSwift.open();
  }, 60_000);
  afterAll(async () => {
    await onSwift.close();
    await switchOff();
  });

  designScenario(onSwift.current);
});
