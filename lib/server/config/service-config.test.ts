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
    // Trove's defaults for what its API shows: region RegionOne, no flavor or volume of its own.
    expect(config.regionName).toBe("RegionOne");
    expect(only).not.toHaveProperty("flavorId");
    expect(only).not.toHaveProperty("volumeSize");
  });

  it("reads the flavor, volume size and region the Trove API shows", () => {
    const config = load({
      region_name: "RegionTwo",
      instances: [instance({ flavor_id: "m1.small", volume_size: 20 })],
    });
    expect(config.regionName).toBe("RegionTwo");
    expect(config.instances[0]).toMatchObject({ flavorId: "m1.small", volumeSize: 20 });
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
    [{ instances: [instance({ volume_size: 0 })] }, "instances[0].volume_size: must be at least 1 GB"],
    [{ instances: [instance({ flavor_id: "a/b" })] }, "instances[0].flavor_id: must not contain '/'"],
    [{ region_name: "", instances: [] }, "region_name: must not be empty"],
    [{ instances: [instance(), instance()] }, "instances[1].id: duplicate instance id inst-1"],
    [{ instances: [instance({ id: "a/b" })] }, "instances[0].id"],
    [{ datastores: { cassandra: {} }, instances: [] }, "datastores"],
    [{}, "instances"],
    ["{ not json", "Cannot read TROVE_LOGS_CONFIG"],
  ])("refuses a bad file and names the field (%#)", (config, field) => {
    expect(() => load(config)).toThrow(ConfigError);
    expect(() => load(config)).toThrow(field);
  });

  it("reads a real server: secrets by reference, log_dir for USER logs, Trove's long query time", () => {
    process.env.TROVE_LOGS_TEST_CONFIG_PASSWORD = "secret";
    const config = load({
      datastores: { mariadb: { guest_log_long_query_time: 200 } },
      instances: [
        instance({
          datastore: { type: "mariadb", version: "10.11" },
          logs: {},
          log_dir: "/var/lib/mysql/logs",
          server: {
            host: "127.0.0.1",
            port: 3307,
            user: "trove",
            password_env: "TROVE_LOGS_TEST_CONFIG_PASSWORD",
          },
        }),
        instance({
          id: "pg-1",
          datastore: { type: "postgresql", version: "15" },
          logs: {},
          log_dir: "/var/log/pg",
          server: {
            socket: "/run/postgresql",
            user: "trove",
            timeout: 2,
            restart_command: ["pg_ctlcluster", "15", "main", "restart"],
          },
        }),
      ],
    });
    const [maria, pg] = config.instances;
    expect(maria!.logFiles.general).toBe("/var/lib/mysql/logs/mariadb-general.log");
    expect(maria!.logFiles.slow_query).toBe("/var/lib/mysql/logs/mariadb-slow_query.log");
    expect(maria!.logFiles.guest).toBe(join(dir, "data", "logs", "inst-1", "mariadb-guest.log"));
    expect(maria!.server).toEqual({
      settings: expect.objectContaining({ host: "127.0.0.1", port: 3307, user: "trove", timeoutMs: 5000 }),
      longQueryTimeMs: 200,
      locateErrorLog: true,
    });
    expect(maria!.server!.settings.password).toEqual({ env: "TROVE_LOGS_TEST_CONFIG_PASSWORD" });
    expect(JSON.stringify(config)).not.toContain("secret");
    expect(pg!.logFiles.general).toBe("/var/log/pg/postgresql-general.log");
    expect(pg!.server).toMatchObject({
      settings: {
        socket: "/run/postgresql",
        timeoutMs: 2000,
        restartCommand: ["pg_ctlcluster", "15", "main", "restart"],
      },
      longQueryTimeMs: 0,
    });
    expect(config.instances.length).toBe(2);
  });

  const server = (overrides: Record<string, unknown> = {}) =>
    instance({ log_dir: "/logs", server: { host: "db", user: "trove", ...overrides } });

  it.each([
    [
      { instances: [server({ password: "hunter2" })] },
      "instances[0].server.password: put the password in an environment variable",
    ],
    [
      { instances: [server({ host: undefined })] },
      "instances[0].server.host: give host (and port) or socket",
    ],
    [
      { instances: [server({ password_env: "TROVE_LOGS_NO_SUCH_VARIABLE" })] },
      "instances[0].server.password_env: the environment variable TROVE_LOGS_NO_SUCH_VARIABLE is not set",
    ],
    [
      { instances: [server({ password_file: "/no/such/file" })] },
      "instances[0].server.password_file: cannot read /no/such/file",
    ],
    [
      { instances: [server({ restart_command: [] })] },
      "instances[0].server.restart_command: must name a program",
    ],
    [{ instances: [server({ port: 70000 })] }, "instances[0].server.port"],
    [{ instances: [server({ hots: "x" })] }, "instances[0].server"],
    [
      { instances: [instance({ logs: {}, server: { host: "db", user: "trove" } })] },
      "instances[0].log_dir: is required with server",
    ],
    [
      { instances: [server()], datastores: { mysql: { guest_log_long_query_time: -1 } } },
      "datastores.mysql.guest_log_long_query_time",
    ],
  ])("refuses a bad server and names the field (%#)", (config, field) => {
    expect(() => load(config)).toThrow(field);
  });

  it("never echoes a password given in the file", () => {
    expect(() => load({ instances: [server({ password: "hunter2" })] })).not.toThrow("hunter2");
  });
});
