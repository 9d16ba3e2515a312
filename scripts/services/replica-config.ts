// What every replica of a replica set shares (scripts/services/replica-set.ts): the configuration
// file (one instance of the demo project with a MySQL general log) and the environment.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KeystoneTestEnv } from "./keystone-env";

export function writeConfig(
  dir: string,
  keystone: KeystoneTestEnv,
  instanceId: string,
  logFile: string,
): string {
  const configFile = join(dir, "trove-logs.json");
  writeFileSync(
    configFile,
    JSON.stringify({
      guest_log_container_name: "database_logs",
      guest_log_limit: 65_536,
      datastores: { mysql: { guest_log_exposed_logs: "general,slow_query" } },
      instances: [
        {
          id: instanceId,
          name: "replicas-mysql",
          project_id: keystone.projects.demo,
          datastore: { type: "mysql", version: "8.0.36" },
          logs: { general: { file: logFile } },
        },
      ],
    }),
  );
  return configFile;
}

export interface ReplicaRun {
  dir: string;
  keystone: KeystoneTestEnv;
  memcached: string;
  instanceId: string;
  logFile: string;
}

/** The settings of every replica (Keystone sign-in, Swift, sessions and leases in memcached); writes the configuration file. */
export function replicaEnv({ dir, keystone, memcached, instanceId, logFile }: ReplicaRun) {
  return {
    ...process.env,
    NODE_ENV: "production" as const,
    TROVE_LOGS_HOST: "127.0.0.1",
    // One data directory on one host (the engine's log switches); sessions and leases in memcached.
    TROVE_LOGS_DATA_DIR: join(dir, "data"),
    TROVE_LOGS_CONFIG: writeConfig(dir, keystone, instanceId, logFile),
    TROVE_LOGS_SESSION_SECRET: randomBytes(24).toString("hex"),
    TROVE_LOGS_MEMCACHED: memcached,
    TROVE_LOGS_PUBLISH_LEASE_TTL: "3",
    TROVE_LOGS_TRUST_PROXY: "1",
    TROVE_LOGS_IDENTITY: "keystone",
    TROVE_LOGS_KEYSTONE_URL: keystone.url,
    TROVE_LOGS_KEYSTONE_VALIDATION_CACHE: "2",
    TROVE_LOGS_OBJECT_STORE: "swift",
    TROVE_LOGS_SERVICE_USER: keystone.service.user,
    TROVE_LOGS_SERVICE_PASSWORD: keystone.passwords.service,
    TROVE_LOGS_SERVICE_PROJECT: keystone.service.project,
    TROVE_LOGS_SEARCH_WORKERS: "1",
  };
}
