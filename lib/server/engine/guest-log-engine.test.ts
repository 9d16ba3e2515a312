import { truncateSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ADMIN,
  appendLog,
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  objectNames,
  OTHER_MEMBER,
  POSTGRES,
  publishedBytes,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import type { GuestLogEngine } from "./guest-log-engine";

let workspace: ReturnType<typeof makeWorkspace>;
let engine: GuestLogEngine;
const general = () => logFile(workspace.dir, "mysql", "general");
const prefix = `${MYSQL}/mysql-general/`;

beforeEach(() => {
  workspace = makeWorkspace();
  engine = makeEngine(workspace);
});
afterEach(async () => workspace.cleanup());

const show = (name = "general", caller = MEMBER, id = MYSQL) => engine.logAction(caller, id, { name });

describe("log list and the log object's shape", () => {
  it("lists Trove's logs for the datastore, only exposed ones for members", async () => {
    const member = await engine.listLogs(MEMBER, MYSQL);
    expect(member.map((log) => log.name)).toEqual(["general", "slow_query"]);
    const admin = await engine.listLogs(ADMIN, MYSQL);
    // Trove's order: the datastore's logs, then the guest agent's (as a real Trove 18 lists them).
    expect(admin.map((log) => [log.name, log.type])).toEqual([
      ["general", "USER"],
      ["slow_query", "USER"],
      ["error", "SYS"],
      ["guest", "SYS"],
    ]);
    expect((await engine.listLogs(ADMIN, POSTGRES)).map((log) => log.name)).toEqual(["general", "guest"]);
  });

  it("shapes a never-published log exactly like Trove", async () => {
    writeLog(general(), "a\nb\n");
    expect(await show()).toEqual({
      name: "general",
      type: "USER",
      status: "Disabled",
      published: 0,
      pending: 4,
      container: "None",
      prefix: "None",
      metafile: `${MYSQL}/mysql-general_metafile`,
    });
  });
});

describe("status transitions", () => {
  it("walks Disabled → Enabled → Ready → Published → Partial → Published", async () => {
    expect((await show()).status).toBe("Disabled");
    expect((await engine.logAction(MEMBER, MYSQL, { name: "general", enable: true })).status).toBe("Enabled");
    writeLog(general(), "select 1;\n");
    expect((await show()).status).toBe("Ready");
    const published = await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    expect(published).toMatchObject({
      status: "Published",
      published: 10,
      pending: 0,
      container: "database_logs",
      prefix,
    });
    appendLog(general(), "select 2;\n");
    expect(await show()).toMatchObject({ status: "Partial", published: 10, pending: 10 });
    expect(
      (await engine.logAction(MEMBER, MYSQL, { name: "general", publish: 1 as unknown as boolean })).status,
    ).toBe("Published");
  });

  it("publish enables a disabled USER log; publish+disable publishes and leaves it disabled", async () => {
    writeLog(general(), "x\n");
    expect(await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true })).toMatchObject({
      status: "Published",
      published: 2,
    });
    appendLog(general(), "y\n");
    const result = await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true, disable: true });
    expect(result).toMatchObject({ status: "Disabled", published: 4, pending: 0 });
    appendLog(general(), "z\n");
    expect(await show()).toMatchObject({ status: "Disabled", pending: 2 });
  });

  it("refuses enable together with disable, and toggling SYS logs", async () => {
    await expect(
      engine.logAction(ADMIN, MYSQL, { name: "general", enable: true, disable: true }),
    ).rejects.toThrow("Cannot enable and disable log.");
    await expect(engine.logAction(ADMIN, MYSQL, { name: "guest", enable: true })).rejects.toThrow(
      "Cannot enable a SYSTEM log ('guest').",
    );
    await expect(engine.logAction(ADMIN, MYSQL, { name: "error", disable: true })).rejects.toThrow(
      "Cannot disable a SYSTEM log ('error').",
    );
  });

  it("SYS logs are always enabled and can be published", async () => {
    expect((await show("guest", ADMIN)).status).toBe("Enabled");
    writeLog(logFile(workspace.dir, "mysql", "guest"), "agent started\n");
    expect((await show("guest", ADMIN)).status).toBe("Ready");
    expect((await engine.logAction(ADMIN, MYSQL, { name: "guest", publish: true })).status).toBe("Published");
  });

  it("discard deletes the published copy; a never-published log discards without error", async () => {
    writeLog(general(), "one\n");
    expect((await engine.logAction(MEMBER, MYSQL, { name: "general", discard: true })).status).toBe(
      "Disabled",
    );
    await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    const discarded = await engine.logAction(MEMBER, MYSQL, { name: "general", discard: true });
    expect(discarded).toMatchObject({
      status: "Ready",
      published: 0,
      pending: 4,
      container: "None",
      prefix: "None",
    });
    expect(await objectNames(workspace.store, "demo", prefix)).toEqual([]);
    await expect(
      workspace.store.headObject("demo", "database_logs", `${MYSQL}/mysql-general_metafile`),
    ).rejects.toThrow();
    expect((await engine.logAction(MEMBER, MYSQL, { name: "general", discard: true })).published).toBe(0);
  });

  it("publish+discard republishes the whole file from scratch", async () => {
    writeLog(general(), "first\n");
    await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    const before = await objectNames(workspace.store, "demo", prefix);
    appendLog(general(), "second\n");
    const result = await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true, discard: true });
    expect(result).toMatchObject({ status: "Published", published: 13 });
    const after = await objectNames(workspace.store, "demo", prefix);
    expect(after).toHaveLength(1);
    expect(after).not.toContain(before[0]);
    expect((await publishedBytes(workspace.store, "demo", prefix)).toString()).toBe("first\nsecond\n");
  });

  it("detects rotation by shrink, by a changed first line, and by changed published bytes", async () => {
    writeLog(general(), "header v1\nline 1\nline 2\n");
    await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    writeLog(general(), "header v1\n");
    expect(await show()).toMatchObject({ status: "Rotated", pending: 10 });
    const republished = await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    expect(republished).toMatchObject({ status: "Published", published: 10 });
    expect((await publishedBytes(workspace.store, "demo", prefix)).toString()).toBe("header v1\n");

    writeLog(general(), "header v2\nlonger than before\n");
    expect((await show()).status).toBe("Rotated");
    await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });

    // Same first line and a bigger file, but the bytes already published changed: still a new file.
    writeLog(general(), "header v2\nLONGER THAN BEFORE\nand more lines follow\n");
    expect((await show()).status).toBe("Rotated");
  });

  it("a file that disappears after publishing shows Rotated, and publishing it is refused without deleting anything", async () => {
    writeLog(general(), "data\n");
    await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    truncateSync(general(), 0);
    expect((await show()).status).toBe("Rotated");
    writeLog(general(), "");
    const { rmSync } = await import("node:fs");
    rmSync(general());
    await expect(engine.logAction(MEMBER, MYSQL, { name: "general", publish: true })).rejects.toThrow(
      "The file of log 'general' is gone (rotated away or removed): there is nothing new to publish, " +
        "and the published copy stays as it is.",
    );
    expect(await objectNames(workspace.store, "demo", prefix)).toHaveLength(1);
  });

  it("PostgreSQL's general log waits for a restart, and the instance says so", async () => {
    const result = await engine.logAction(MEMBER, POSTGRES, { name: "general", enable: true });
    expect(result.status).toBe("Restart Required");
    expect(engine.getInstance(MEMBER, POSTGRES).status).toBe("RESTART_REQUIRED");
    expect(engine.isLogging(POSTGRES, "general")).toBe(false);
    await engine.restartInstance(MEMBER, POSTGRES);
    expect(engine.getInstance(MEMBER, POSTGRES).status).toBe("ACTIVE");
    expect(engine.isLogging(POSTGRES, "general")).toBe(true);
    expect((await show("general", MEMBER, POSTGRES)).status).toBe("Enabled");
    // Disabling also needs a restart; flipping back before it cancels the pending change.
    expect((await engine.logAction(MEMBER, POSTGRES, { name: "general", disable: true })).status).toBe(
      "Restart Required",
    );
    expect(engine.isLogging(POSTGRES, "general")).toBe(true);
    expect((await engine.logAction(MEMBER, POSTGRES, { name: "general", enable: true })).status).toBe(
      "Enabled",
    );
    expect(engine.getInstance(MEMBER, POSTGRES).status).toBe("ACTIVE");
  });

  it("keeps the enabled state across restarts of the service", async () => {
    await engine.logAction(MEMBER, MYSQL, { name: "slow_query", enable: true });
    const again = makeEngine(workspace);
    expect((await again.logAction(MEMBER, MYSQL, { name: "slow_query" })).status).toBe("Enabled");
    expect((await again.logAction(MEMBER, MYSQL, { name: "general" })).status).toBe("Disabled");
  });

  it("reads the published size back from the store after a restart", async () => {
    writeLog(general(), "abc\n");
    await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    appendLog(general(), "def\n");
    const again = makeEngine(workspace);
    expect(await again.logAction(MEMBER, MYSQL, { name: "general" })).toMatchObject({
      status: "Partial",
      published: 4,
    });
  });
});

describe("access", () => {
  it("hides other projects' instances and unknown names behind 404s", async () => {
    await expect(engine.listLogs(OTHER_MEMBER, MYSQL)).rejects.toMatchObject({ code: "not_found" });
    await expect(engine.listLogs(MEMBER, "no-such-instance")).rejects.toMatchObject({ code: "not_found" });
    await expect(show("audit")).rejects.toMatchObject({
      code: "not_found",
      message: "Log 'audit' is not defined.",
    });
    expect(engine.listInstances(OTHER_MEMBER)).toEqual([]);
    expect(engine.listInstances(ADMIN, true).map((instance) => instance.id)).toEqual([MYSQL, POSTGRES]);
    expect(() => engine.listInstances(MEMBER, true)).toThrow(/administrators/);
  });

  it("refuses members every action on unexposed logs, allows admins", async () => {
    for (const action of [{}, { publish: true }, { discard: true }]) {
      await expect(engine.logAction(MEMBER, MYSQL, { name: "guest", ...action })).rejects.toMatchObject({
        code: "forbidden",
        message: "You must be admin to show log 'guest'.",
      });
    }
    // Trove's guest refuses a SYS log's toggle before it checks exposure, members or not.
    await expect(engine.logAction(MEMBER, MYSQL, { name: "guest", enable: true })).rejects.toMatchObject({
      code: "bad_request",
      message: "Cannot enable a SYSTEM log ('guest').",
    });
    await expect(engine.locatePublished(MEMBER, MYSQL, "error")).rejects.toMatchObject({ code: "forbidden" });
    expect((await show("guest", ADMIN)).name).toBe("guest");
  });

  it("exposes every log when guest_log_exposed_logs is all", async () => {
    const open = makeEngine(workspace, { exposedLogs: { mysql: ["all"], mariadb: [], postgresql: [] } });
    expect((await open.listLogs(MEMBER, MYSQL)).map((log) => log.name)).toEqual([
      "general",
      "slow_query",
      "error",
      "guest",
    ]);
    expect(await open.listLogs(MEMBER, POSTGRES)).toEqual([]);
  });

  it("publishes into the instance owner's account even when an admin publishes", async () => {
    writeLog(general(), "owned by demo\n");
    await engine.logAction(ADMIN, MYSQL, { name: "general", publish: true });
    expect((await publishedBytes(workspace.store, "demo", prefix)).toString()).toBe("owned by demo\n");
    expect(await objectNames(workspace.store, "admin", prefix)).toEqual([]);
  });
});
