import "server-only";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
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
