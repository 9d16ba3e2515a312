import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadServiceConfig } from "./service-config";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "trove-logs-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function load(config: unknown) {
  const configFile = join(dir, "config.json");
  writeFileSync(configFile, typeof config === "string" ? config : JSON.stringify(config));
  return loadServiceConfig({ configFile, dataDir: join(dir, "data") });
}

const instance = (overrides: Record<string, unknown> = {}) => ({
  id: "inst-1",
  name: "orders",
  project_id: "demo",
  datastore: { type: "mysql", version: "8.0" },
  logs: { general: { file: "/var/log/mysql/general.log" } },
  ...overrides,
});

describe("service configuration", () => {
  it("starts the demo without a file: three instances in demo and another project, mysql and postgresql", () => {
    const config = loadServiceConfig({ dataDir: dir });
    expect(config.mode).toBe("demo");
    expect(config.instances.length).toBeGreaterThanOrEqual(3);
    expect(new Set(config.instances.map((i) => i.projectId))).toEqual(new Set(["demo", "ops"]));
    expect(config.instances.map((i) => i.datastore.type)).toEqual(
      expect.arrayContaining(["mysql", "postgresql"]),
    );
    expect(config).toMatchObject({ containerName: "database_logs", limit: 1_000_000, expiry: 2_592_000 });
    expect(config.exposedLogs).toEqual({
      mysql: ["general", "slow_query"],
      mariadb: ["general", "slow_query"],
      postgresql: ["general"],
    });
  });

  it("reads Trove's option names and the instances, filling logs the file leaves out", () => {
    const config = load({
      guest_log_container_name: "logs",
      guest_log_limit: 4096,
      guest_log_expiry: 0,
      datastores: {
        mysql: { guest_log_exposed_logs: "ALL" },
        postgresql: { guest_log_exposed_logs: ["General"] },
      },
      instances: [instance()],
    });
    expect(config).toMatchObject({ mode: "config", containerName: "logs", limit: 4096, expiry: 0 });
    expect(config.exposedLogs.mysql).toEqual(["all"]);
    expect(config.exposedLogs.postgresql).toEqual(["general"]);
    expect(config.exposedLogs.mariadb).toEqual(["general", "slow_query"]);
    const [only] = config.instances;
    expect(only!.logFiles.general).toBe("/var/log/mysql/general.log");
    expect(Object.keys(only!.logFiles).sort()).toEqual(["error", "general", "guest", "slow_query"]);
    expect(only!.logFiles.guest).toBe(join(dir, "data", "logs", "inst-1", "mysql-guest.log"));
  });

  it.each([
    [
      { instances: [instance({ datastore: { type: "oracle", version: "1" } })] },
      "instances[0].datastore.type",
    ],
    [
      { instances: [instance({ logs: { audit: { file: "/x" } } })] },
      "instances[0].logs.audit: log 'audit' is not defined for datastore mysql",
    ],
    [{ guest_log_limit: "big", instances: [] }, "guest_log_limit"],
    [{ guest_log_expiry: -1, instances: [] }, "guest_log_expiry"],
    [{ instances: [instance(), instance()] }, "instances[1].id: duplicate instance id inst-1"],
    [{ instances: [instance({ id: "a/b" })] }, "instances[0].id"],
    [{ datastores: { cassandra: {} }, instances: [] }, "datastores"],
    [{}, "instances"],
    ["{ not json", "Cannot read TROVE_LOGS_CONFIG"],
  ])("refuses a bad file and names the field (%#)", (config, field) => {
    expect(() => load(config)).toThrow(ConfigError);
    expect(() => load(config)).toThrow(field);
  });
});
