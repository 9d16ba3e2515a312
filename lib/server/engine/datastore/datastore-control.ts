import "server-only";
import type { LogDefinition } from "../log-definitions";

/** How one USER log stands in the datastore. */
export interface LogState {
  /** The datastore is set to write the log (once a pending restart has happened). */
  enabled: boolean;
  /** The setting waits for a datastore restart: until then the datastore logs as before. */
  restartPending: boolean;
  /** Where the datastore writes the log now, when it says (MySQL's general_log_file). */
  file?: string;
}

/** What the datastore says about its logs, read in one round trip. */
export interface DatastoreSnapshot {
  /** USER logs by name. */
  logs: Record<string, LogState>;
  /** SYS logs the datastore places itself (MySQL's log_error), by name. */
  files: Record<string, string>;
}

/** Where a USER log goes when it is switched on. */
export interface SwitchTarget {
  file: string;
  /** Trove's guest_log_long_query_time, in milliseconds. */
  longQueryTimeMs: number;
}

/**
 * Switches an instance's logs in its datastore: Trove's configuration manager and `apply_overrides`
 * for one guest. The file-settings control keeps the demo's and file-backed instances' state in the
 * data directory; the server controls change a real MariaDB/MySQL or PostgreSQL.
 */
export interface DatastoreControl {
  /** A real server: its instance has a health, and a guest log that Trove Logs writes. */
  readonly isServer: boolean;
  /** "MariaDB at 127.0.0.1:3307 as trove_logs": for messages; never a secret. */
  readonly description: string;
  /** The datastore's current state. Throws DatastoreError. */
  read(logs: LogDefinition[]): Promise<DatastoreSnapshot>;
  /** The last state known without asking (for synchronous views); undefined before the first read. */
  known(log: LogDefinition): LogState | undefined;
  /** Switches a USER log; on failure nothing stays changed. Answers the log's new state. */
  setEnabled(log: LogDefinition, on: boolean, target: SwitchTarget): Promise<LogState>;
  /**
   * Restarts the datastore so that pending changes take effect; false when there was nothing to
   * restart with (MySQL switches live and no restart command is configured). Throws DatastoreError.
   */
  restart(logs: LogDefinition[]): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Why the datastore did not do what was asked. `unreachable` and `refused` are the server's or the
 * deployment's state (HTTP 503); the others concern the request in this deployment (HTTP 400, as
 * Trove's guest errors).
 */
export type DatastoreProblem =
  "unreachable" | "refused" | "privileges" | "log_dir" | "restart" | "not_configured" | "failed";

/**
 * `message` is shown on the instance (to its project's members too) and names no address or path;
 * `detail` says where and what the server or the driver said, for the server log.
 */
export class DatastoreError extends Error {
  constructor(
    readonly problem: DatastoreProblem,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = "DatastoreError";
  }
}

export const isDatastoreError = (error: unknown): error is DatastoreError =>
  error instanceof Error &&
  error.name === "DatastoreError" &&
  typeof (error as { problem?: unknown }).problem === "string";

/** Node's and the drivers' codes for "no server there" (refused, timed out, no route, no socket). */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ENOENT",
  "EACCES",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
]);

export function isUnreachableCode(code: unknown): boolean {
  return typeof code === "string" && UNREACHABLE_CODES.has(code);
}

/** The first line of a driver's message, without a trailing period (for "…: <reason>." sentences). */
export function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").replace(/\.\s*$/, "") || "unknown error";
}

/**
 * The driver's reason fit to show: MySQL names the client host (`'user'@'10.0.0.7'`), connection
 * errors the address (`connect ECONNREFUSED 127.0.0.1:3307`, a socket path). For those only the
 * code stays; the whole reason goes to the detail.
 */
export function shownReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return code;
  return reason(error).replace(/@(['"`])[^'"`]*\1/g, "");
}

export const DATASTORE_NAMES: Record<string, string> = {
  mysql: "MySQL",
  mariadb: "MariaDB",
  postgresql: "PostgreSQL",
};
