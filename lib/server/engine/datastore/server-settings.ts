import "server-only";
import { readFileSync } from "node:fs";
import { DatastoreError } from "./datastore-control";

/** Where the password comes from: never the configuration file itself. */
export type PasswordSource = { env: string } | { file: string } | undefined;

/** A real datastore server an instance stands for. */
export interface ServerSettings {
  host?: string;
  port?: number;
  /** MySQL: the socket file; PostgreSQL: the socket's directory. Wins over host/port. */
  socket?: string;
  user: string;
  password: PasswordSource;
  /** PostgreSQL: the database to connect to (default `postgres`). */
  database?: string;
  /** Every connection attempt and every statement gives up after this long (never a hang). */
  timeoutMs: number;
  /** argv that restarts the server (PostgreSQL's logging_collector needs it), e.g. pg_ctl restart. */
  restartCommand?: string[];
}

/** Read when a connection is made, so a rotated secret needs no restart; the value is never logged. */
export function readPassword(source: PasswordSource): string | undefined {
  if (!source) return undefined;
  if ("env" in source) {
    const value = process.env[source.env];
    if (value === undefined)
      throw new DatastoreError(
        "refused",
        `The environment variable ${source.env} (password_env) is not set.`,
      );
    return value;
  }
  try {
    return readFileSync(source.file, "utf8").replace(/\r?\n$/, "");
  } catch (error) {
    throw new DatastoreError(
      "refused",
      `Cannot read the instance's password_file (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
      `password_file ${source.file}: ${(error as Error).message}`,
    );
  }
}

/** "127.0.0.1:3307" or the socket path: where the server is, for messages. */
export function serverAddress(settings: ServerSettings): string {
  if (settings.socket) return settings.socket;
  return `${settings.host ?? "localhost"}${settings.port ? `:${settings.port}` : ""}`;
}
