import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Env } from "../lib/run-command";
import type { KeystoneEnv } from "./keystone";

/** How the app is set up for the benchmark: one instance whose general log is the source log. */

export const CONTAINER = "database_logs"; // guest_log_container_name (default)
export const OBJECT_LIMIT = 1_000_000; // guest_log_limit

export interface BenchInstance {
  id: string;
  /** The app's config file (TROVE_LOGS_CONFIG). */
  config: string;
}

/** Writes the app's config (in `scratch`): a MySQL instance of `projectId` with `source` as its general log. */
export function writeAppConfig(scratch: string, projectId: string, source: string): BenchInstance {
  const id = randomUUID();
  const config = join(scratch, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      guest_log_container_name: CONTAINER,
      guest_log_limit: OBJECT_LIMIT,
      instances: [
        {
          id,
          name: `bench-${id.slice(0, 8)}`,
          project_id: projectId,
          datastore: { type: "mysql", version: "8.0.36" },
          logs: { general: { file: source } },
        },
      ],
    }),
  );
  return { id, config };
}

/**
 * The app's environment: Keystone sign-in and Swift storage, data in `scratch`. Swift's URL comes from
 * the service token's catalog unless `swiftUrl` is given (the counting proxy).
 */
export function appEnv(options: {
  port: number;
  keystone: KeystoneEnv;
  config: string;
  scratch: string;
  swiftUrl?: string;
}): Env {
  const { port, keystone, config, scratch, swiftUrl } = options;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: "C.UTF-8",
    NEXT_TELEMETRY_DISABLED: "1",
    TROVE_LOGS_HOST: "127.0.0.1",
    PORT: String(port),
    TROVE_LOGS_IDENTITY: "keystone",
    TROVE_LOGS_KEYSTONE_URL: keystone.TROVE_LOGS_KEYSTONE_URL,
    TROVE_LOGS_KEYSTONE_USER_DOMAIN: "Default",
    TROVE_LOGS_KEYSTONE_PROJECT_DOMAIN: "Default",
    TROVE_LOGS_SERVICE_USER: keystone.TROVE_LOGS_SERVICE_USER,
    TROVE_LOGS_SERVICE_PASSWORD: keystone.TROVE_LOGS_SERVICE_PASSWORD,
    TROVE_LOGS_SERVICE_PROJECT: keystone.TROVE_LOGS_SERVICE_PROJECT,
    TROVE_LOGS_OBJECT_STORE: "swift",
    ...(swiftUrl && { TROVE_LOGS_SWIFT_URL: swiftUrl }),
    TROVE_LOGS_CONFIG: config,
    TROVE_LOGS_DATA_DIR: join(scratch, "data"),
    TROVE_LOGS_DEMO_WRITERS: "0",
  };
}
