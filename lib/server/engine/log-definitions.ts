import "server-only";
import type { DatastoreType } from "@/lib/schemas/instance";
import type { LogType } from "@/lib/schemas/log";

export interface LogDefinition {
  name: string;
  type: LogType;
  /** Toggling needs a datastore restart before it takes effect (PostgreSQL's logging_collector). */
  restartRequired: boolean;
}

const guest: LogDefinition = { name: "guest", type: "SYS", restartRequired: false };

const mysqlFamily: LogDefinition[] = [
  { name: "general", type: "USER", restartRequired: false },
  { name: "slow_query", type: "USER", restartRequired: false },
  { name: "error", type: "SYS", restartRequired: false },
  guest,
];

/**
 * Trove's per-datastore log definitions (guestagent managers), in Trove's listing order: the
 * datastore's own logs, then the guest agent's (as a real Trove 18 lists them).
 */
export const LOG_DEFINITIONS: Record<DatastoreType, LogDefinition[]> = {
  mysql: mysqlFamily,
  mariadb: mysqlFamily,
  postgresql: [{ name: "general", type: "USER", restartRequired: true }, guest],
};

/** Trove's `guest_log_exposed_logs` defaults per datastore section. */
export const DEFAULT_EXPOSED_LOGS: Record<DatastoreType, string[]> = {
  mysql: ["general", "slow_query"],
  mariadb: ["general", "slow_query"],
  postgresql: ["general"],
};

/** Trove's ListOpt accepts a list or a comma/space separated string, case-insensitively; `all` exposes everything. */
export function normalizeExposedLogs(value: string[] | string): string[] {
  const items = Array.isArray(value) ? value : value.split(/[\s,]+/);
  return items.map((item) => item.trim().toLowerCase()).filter((item) => item.length > 0);
}

export function isExposed(exposedLogs: readonly string[], logName: string): boolean {
  return exposedLogs.includes("all") || exposedLogs.includes(logName.toLowerCase());
}
