import "server-only";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configFileSchema } from "@/lib/server/config/config-file";
import { LOG_DEFINITIONS } from "@/lib/server/engine/log-definitions";
import { DEMO_PROJECTS, demoInstances, demoLogKind } from "./demo-instances";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("demoInstances", () => {
  const instances = demoInstances("/data");

  it("has the demo projects and instances, with stable UUID-like ids", () => {
    expect(DEMO_PROJECTS).toEqual([
      { id: "demo", name: "demo" },
      { id: "ops", name: "ops" },
    ]);
    const summary = instances.map((i) => [i.name, i.project_id, i.datastore.type, i.datastore.version]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ["orders-db", "demo", "mysql", "8.0.36"],
        ["analytics-pg", "demo", "postgresql", "15.6"],
        ["billing-mariadb", "ops", "mariadb", "10.11.6"],
      ]),
    );
    for (const instance of instances) expect(instance.id).toMatch(UUID);
    expect(new Set(instances.map((i) => i.id)).size).toBe(instances.length);
    expect(demoInstances("/elsewhere").map((i) => i.id)).toEqual(instances.map((i) => i.id));
    for (const instance of instances) expect(DEMO_PROJECTS.map((p) => p.id)).toContain(instance.project_id);
  });

  it("lists every log of the datastore, with Trove's file names under <dataDir>/demo-logs/<id>/", () => {
    const byName = Object.fromEntries(instances.map((i) => [i.name, i]));
    const mysql = byName["orders-db"]!;
    expect(mysql.logs).toEqual({
      guest: { file: join("/data", "demo-logs", mysql.id, "trove-guestagent.log") },
      error: { file: join("/data", "demo-logs", mysql.id, "mysqld.log") },
      general: { file: join("/data", "demo-logs", mysql.id, "mysql-general.log") },
      slow_query: { file: join("/data", "demo-logs", mysql.id, "mysql-slow_query.log") },
    });
    const pg = byName["analytics-pg"]!;
    expect(Object.keys(pg.logs).sort()).toEqual(["general", "guest"]);
    expect(pg.logs.general!.file).toBe(join("/data", "demo-logs", pg.id, "postgresql-general.log"));
    expect(byName["billing-mariadb"]!.logs.slow_query!.file).toMatch(/mariadb-slow_query\.log$/);
    for (const instance of instances) {
      expect(Object.keys(instance.logs).sort()).toEqual(
        LOG_DEFINITIONS[instance.datastore.type].map((d) => d.name).sort(),
      );
    }
  });

  it("is a valid TROVE_LOGS_CONFIG instance list", () => {
    expect(configFileSchema.safeParse({ instances }).success).toBe(true);
  });
});

describe("demoLogKind", () => {
  it("maps every demo log but the guest log (Trove Logs writes that one) to a writer", () => {
    for (const instance of demoInstances("/data")) {
      for (const name of Object.keys(instance.logs))
        if (name !== "guest") expect(demoLogKind(instance.datastore.type, name)).toBeDefined();
    }
    expect(demoLogKind("mysql", "general")).toBe("mysql-general");
    expect(demoLogKind("mariadb", "slow_query")).toBe("mariadb-slow");
    expect(demoLogKind("mariadb", "error")).toBe("mariadb-error");
    expect(demoLogKind("postgresql", "general")).toBe("postgresql-general");
    expect(demoLogKind("postgresql", "guest")).toBeUndefined();
    expect(demoLogKind("mysql", "guest")).toBeUndefined();
    expect(demoLogKind("postgresql", "slow_query")).toBeUndefined();
    expect(demoLogKind("mysql", "audit")).toBeUndefined();
  });
});
