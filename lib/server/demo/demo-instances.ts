import "server-only";
import { join } from "node:path";
import type { DatastoreType } from "@/lib/schemas/instance";
import { LOG_DEFINITIONS } from "@/lib/server/engine/log-definitions";
import type { DemoLogKind } from "./line-generators";

export interface DemoProject {
  id: string;
  name: string;
}

/** One demo instance, in the shape of a TROVE_LOGS_CONFIG `instances[]` entry. */
export interface DemoInstance {
  id: string;
  name: string;
  project_id: string;
  datastore: { type: DatastoreType; version: string };
  /** Every log the datastore defines, by Trove log name. */
  logs: Record<string, { file: string }>;
}

export const DEMO_PROJECTS: readonly DemoProject[] = [
  { id: "demo", name: "demo" },
  { id: "ops", name: "ops" },
];

/** Fixed ids, so URLs stay the same across restarts. */
const CATALOGUE: ReadonlyArray<Omit<DemoInstance, "logs">> = [
  {
    id: "3f8e2a61-5c4b-4d7e-9a12-7b6c0e41d9a3",
    name: "orders-db",
    project_id: "demo",
    datastore: { type: "mysql", version: "8.0.36" },
  },
  {
    id: "a7d41c09-2e6f-4b83-8f5a-1c9e3d7b2f60",
    name: "analytics-pg",
    project_id: "demo",
    datastore: { type: "postgresql", version: "15.6" },
  },
  {
    id: "c52b9e7d-8a10-4f3c-b6e4-5d2a9f81c7e4",
    name: "billing-mariadb",
    project_id: "ops",
    datastore: { type: "mariadb", version: "10.11.6" },
  },
];

/**
 * The file name Trove's guest uses for a log: the agent's own `trove-guestagent.log`, MySQL's
 * `/var/log/mysqld.log` for `error`, and `<manager>-<log>.log` for USER logs.
 */
export function demoLogFileName(datastore: DatastoreType, logName: string): string {
  if (logName === "guest") return "trove-guestagent.log";
  if (logName === "error" && datastore !== "postgresql") return "mysqld.log";
  return `${datastore}-${logName}.log`;
}

/**
 * Which writer imitates a datastore's log; undefined for a log the demo does not write. The `guest`
 * log is never imitated: Trove Logs writes it (the instance's operations log).
 */
export function demoLogKind(datastore: DatastoreType, logName: string): DemoLogKind | undefined {
  if (logName === "guest") return undefined;
  if (datastore === "postgresql") return logName === "general" ? "postgresql-general" : undefined;
  switch (logName) {
    case "general":
      return `${datastore}-general`;
    case "slow_query":
      return `${datastore}-slow`;
    case "error":
      return `${datastore}-error`;
    default:
      return undefined;
  }
}

/** The demo catalogue, with log files under `<dataDir>/demo-logs/<instance id>/`. */
export function demoInstances(dataDir: string): DemoInstance[] {
  return CATALOGUE.map((instance) => {
    const logs: Record<string, { file: string }> = {};
    for (const { name } of LOG_DEFINITIONS[instance.datastore.type]) {
      logs[name] = {
        file: join(dataDir, "demo-logs", instance.id, demoLogFileName(instance.datastore.type, name)),
      };
    }
    return { ...instance, datastore: { ...instance.datastore }, logs };
  });
}
