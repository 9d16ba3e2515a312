import "server-only";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DatastoreType } from "@/lib/schemas/instance";
import { DEMO_PROJECTS, demoInstances } from "@/lib/server/demo/demo-instances";
import type { EngineInstance } from "@/lib/server/engine/guest-log-engine";
import {
  DEFAULT_EXPOSED_LOGS,
  LOG_DEFINITIONS,
  normalizeExposedLogs,
} from "@/lib/server/engine/log-definitions";
import { configFileSchema, describeIssues, type ConfigFile } from "./config-file";
import { DEFAULT_LONG_QUERY_TIME_MS } from "./server-config";

export interface ServiceConfig {
  mode: "demo" | "config";
  containerName: string;
  limit: number;
  expiry: number;
  /** The region Trove's API shows for every instance (Trove's region_name). */
  regionName: string;
  exposedLogs: Record<DatastoreType, string[]>;
  instances: EngineInstance[];
  /** Every project that owns an instance (plus the demo projects in demo mode). */
  projects: Array<{ id: string; name: string }>;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

function parseConfigFile(path: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`Cannot read TROVE_LOGS_CONFIG ${path}: ${(error as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(`Invalid TROVE_LOGS_CONFIG ${path}:\n  ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/**
 * Logs the file leaves out still exist (Trove defines them per datastore): USER logs go into log_dir
 * when there is one, the rest live in the data directory.
 */
function toEngineInstance(
  instance: ConfigFile["instances"][number],
  dataDir: string,
  file: ConfigFile,
): EngineInstance {
  const type = instance.datastore.type;
  const logFiles: Record<string, string> = {};
  for (const { name, type: logType } of LOG_DEFINITIONS[type]) {
    const configured = instance.logs[name]?.file;
    logFiles[name] = configured
      ? resolve(configured)
      : instance.log_dir && logType === "USER"
        ? join(instance.log_dir, `${type}-${name}.log`)
        : join(dataDir, "logs", instance.id, `${type}-${name}.log`);
  }
  const server = instance.server;
  return {
    id: instance.id,
    name: instance.name,
    projectId: instance.project_id,
    datastore: instance.datastore,
    logFiles,
    ...(instance.flavor_id !== undefined && { flavorId: instance.flavor_id }),
    ...(instance.volume_size !== undefined && { volumeSize: instance.volume_size }),
    ...(server && {
      server: {
        settings: {
          host: server.host,
          port: server.port,
          socket: server.socket,
          user: server.user,
          password: server.password_env
            ? { env: server.password_env }
            : server.password_file
              ? { file: server.password_file }
              : undefined,
          database: server.database,
          timeoutMs: server.timeout * 1000,
          restartCommand: server.restart_command,
        },
        longQueryTimeMs: file.datastores[type]?.guest_log_long_query_time ?? DEFAULT_LONG_QUERY_TIME_MS[type],
        locateErrorLog: !instance.logs.error?.file,
      },
    }),
  };
}

/** The log service's configuration: the TROVE_LOGS_CONFIG file when given, else the built-in demo. */
export function loadServiceConfig(options: { configFile?: string; dataDir: string }): ServiceConfig {
  const file: ConfigFile = options.configFile
    ? parseConfigFile(options.configFile)
    : configFileSchema.parse({ instances: demoInstances(options.dataDir) });
  const exposedLogs = { ...DEFAULT_EXPOSED_LOGS };
  for (const [type, section] of Object.entries(file.datastores) as Array<
    [DatastoreType, { guest_log_exposed_logs?: string | string[] }]
  >) {
    if (section.guest_log_exposed_logs !== undefined)
      exposedLogs[type] = normalizeExposedLogs(section.guest_log_exposed_logs);
  }
  const projectIds = new Set<string>(file.instances.map((instance) => instance.project_id));
  const projects = options.configFile ? [] : [...DEMO_PROJECTS];
  for (const id of projectIds)
    if (!projects.some((project) => project.id === id)) projects.push({ id, name: id });
  return {
    mode: options.configFile ? "config" : "demo",
    containerName: file.guest_log_container_name,
    limit: file.guest_log_limit,
    expiry: file.guest_log_expiry,
    regionName: file.region_name,
    exposedLogs,
    // The demo's guest log is its operations log, as with a real server: nothing invented in it.
    instances: file.instances.map((instance) => ({
      ...toEngineInstance(instance, options.dataDir, file),
      ...(!options.configFile && { operationsLog: true }),
    })),
    projects,
  };
}
