import "server-only";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { makeEngine, makeWorkspace } from "@/lib/server/testing/engine-fixture";
import { demoInstances } from "./demo-instances";
import { demoLogTargets, startWritersForDemo } from "./start-demo";

function engineShaped(dataDir: string) {
  return demoInstances(dataDir).map((instance) => ({
    id: instance.id,
    datastore: instance.datastore,
    logFiles: Object.fromEntries(Object.entries(instance.logs).map(([name, log]) => [name, log.file])),
  }));
}

it("targets every demo log but the guest logs (the operations logs) with its kind and datastore", () => {
  const targets = demoLogTargets(engineShaped("/data"));
  expect(targets).toHaveLength(7);
  expect(targets.filter((t) => t.logName === "guest" || t.kind === "guest")).toEqual([]);
  const pgGeneral = targets.find((t) => t.kind === "postgresql-general");
  expect(pgGeneral).toMatchObject({ logName: "general", version: "15.6" });
  expect(targets.filter((t) => t.kind === "mariadb-general")).toHaveLength(1);
});

it("seeds the logs that are logging, then keeps writing them until stopped", async () => {
  const dir = await mkdtemp(join(tmpdir(), "start-demo-"));
  try {
    const instances = engineShaped(dir);
    const writers = await startWritersForDemo(instances, (_id, name) => name !== "slow_query", {
      intervalMs: 20,
    });
    await writers.stop();
    const orders = instances.find((i) => i.datastore.type === "mysql")!;
    expect((await readdir(join(dir, "demo-logs", orders.id))).sort()).toEqual([
      "mysql-general.log",
      "mysqld.log",
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it("Enable & publish on a log the demo has not written yet publishes its first line", async () => {
  const workspace = makeWorkspace();
  try {
    const instances = demoInstances(workspace.dir).map((instance) => ({
      id: instance.id,
      name: instance.name,
      projectId: instance.project_id,
      datastore: instance.datastore,
      logFiles: Object.fromEntries(Object.entries(instance.logs).map(([name, log]) => [name, log.file])),
      operationsLog: true,
    }));
    const engine = makeEngine(workspace, { instances });
    // Ticks an hour apart: the only write before the publish is the one enabling asks for.
    const writers = await startWritersForDemo(instances, (id, name) => engine.isLogging(id, name), {
      intervalMs: 3_600_000,
    });
    engine.onLoggingStarted((id, name) => writers.loggingStarted(id, name));
    const member = { projectId: "demo", isAdmin: false };
    const orders = instances[0]!.id;
    expect((await engine.logAction(member, orders, { name: "slow_query" })).status).toBe("Disabled");
    const published = await engine.logAction(member, orders, { name: "slow_query", publish: true });
    await writers.stop();
    expect(published.status).toBe("Published");
    expect(published.published).toBeGreaterThan(0);
  } finally {
    await workspace.cleanup();
  }
});
