import "server-only";
import { rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Client } from "pg";
import type { LogDefinition } from "../log-definitions";
import {
  DatastoreError,
  isUnreachableCode,
  reason,
  shownReason,
  type DatastoreControl,
  type DatastoreSnapshot,
  type LogState,
  type SwitchTarget,
} from "./datastore-control";
import { runRestartCommand, waitUntilReachable } from "./restart-command";
import { readPassword, serverAddress, type ServerSettings } from "./server-settings";

/** Settings Trove's PostgreSQL manager changes for the general log (`logging_collector` last). */
const ENABLE_ORDER = [
  "log_destination",
  "log_directory",
  "log_filename",
  "log_statement",
  "log_min_duration_statement",
  "logging_collector",
] as const;

const PROBE_NAME = ".trove-logs-write-test";
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * PostgreSQL over the wire, as Trove's guest agent: `ALTER SYSTEM SET` logging_collector,
 * log_directory, log_filename, log_statement='all' and log_min_duration_statement, then
 * `pg_reload_conf()`. logging_collector takes effect only at a restart: until then the log shows
 * Restart Required, read from `pg_settings.pending_restart` so that changes made elsewhere show too.
 */
export class PostgresqlControl implements DatastoreControl {
  readonly isServer = true;
  readonly description: string;
  private state?: LogState;
  /** Whether the role may keep its statements out of the log (learnt at the first connection). */
  private quiet?: boolean;

  constructor(private readonly settings: ServerSettings) {
    this.description = `PostgreSQL at ${serverAddress(settings)} as ${settings.user}`;
  }

  /** The reason shown names no address (shownReason); the server's address and full words go to the detail. */
  private classify(error: unknown, doing: string): DatastoreError {
    if (error instanceof DatastoreError) return error;
    const code = (error as { code?: string }).code;
    const why = shownReason(error);
    const detail = `${this.description}: ${reason(error)}`;
    const isSqlState = typeof code === "string" && SQLSTATE.test(code);
    if (!isSqlState || isUnreachableCode(code) || code.startsWith("57P") || code === "53300")
      return new DatastoreError(
        "unreachable",
        `Cannot reach the PostgreSQL server to ${doing}: ${why}.`,
        detail,
      );
    if (code.startsWith("28") || code === "3D000")
      return new DatastoreError(
        "refused",
        `The PostgreSQL server refused the login of ${this.settings.user}: ${why}.`,
        detail,
      );
    if (code === "42501")
      return new DatastoreError(
        "privileges",
        `The PostgreSQL role ${this.settings.user} may not ${doing}: ${why} (Trove's guest agent is a superuser; ` +
          "ALTER SYSTEM rights on the logging settings also do).",
        detail,
      );
    return new DatastoreError("failed", `The PostgreSQL server could not ${doing}: ${why}.`, detail);
  }

  /** Opens a connection; our own statements stay out of the general log when the role may say so. */
  private async open(): Promise<Client> {
    const { host, port, socket, user, database, timeoutMs } = this.settings;
    const client = new Client({
      host: socket ?? host ?? "localhost",
      port: port ?? 5432,
      user,
      password: readPassword(this.settings.password),
      database: database ?? "postgres",
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      statement_timeout: timeoutMs,
      application_name: "trove-logs",
      // Set at connection start, so not logged as a statement; superuser-only settings.
      ...(this.quiet !== false && { options: "-c log_statement=none -c log_min_duration_statement=-1" }),
    });
    client.on("error", () => undefined); // a dropped connection must not crash the process
    try {
      await client.connect();
      this.quiet ??= true;
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (this.quiet === undefined && (error as { code?: string }).code === "42501") {
        this.quiet = false; // not a superuser: connect without them
        return this.open();
      }
      throw error;
    }
  }

  private async withClient<T>(doing: string, task: (client: Client) => Promise<T>): Promise<T> {
    let client: Client | undefined;
    try {
      client = await this.open();
      return await task(client);
    } catch (error) {
      throw this.classify(error, doing);
    } finally {
      const timer = new Promise<void>((done) => setTimeout(done, 1000).unref());
      await Promise.race([client?.end().catch(() => undefined), timer]);
    }
  }

  private static async collector(client: Client): Promise<LogState> {
    const result = await client.query<{ setting: string; pending_restart: boolean }>(
      "SELECT setting, pending_restart FROM pg_settings WHERE name = 'logging_collector'",
    );
    const row = result.rows[0];
    const running = row?.setting === "on";
    const pending = row?.pending_restart === true;
    // A boolean waiting for a restart is set to the opposite of what runs.
    return { enabled: pending ? !running : running, restartPending: pending };
  }

  async read(logs: LogDefinition[]): Promise<DatastoreSnapshot> {
    const state = await this.withClient("read its logging settings", PostgresqlControl.collector);
    this.state = state;
    const snapshot: DatastoreSnapshot = { logs: {}, files: {} };
    for (const log of logs) if (log.type === "USER") snapshot.logs[log.name] = state;
    return snapshot;
  }

  known(): LogState | undefined {
    return this.state;
  }

  /**
   * The server fails to start when its logging collector cannot open the file, so the directory is
   * tried first, by the server itself (COPY … TO writes as the server's user).
   */
  private async checkLogDirectory(client: Client, file: string): Promise<void> {
    const directory = dirname(file);
    const probe = join(directory, PROBE_NAME);
    try {
      await client.query(`COPY (SELECT 1 WHERE false) TO ${client.escapeLiteral(probe)}`);
    } catch (error) {
      const message = reason(error);
      if (/could not (open|create)|No such file|Permission denied|Is a directory/i.test(message)) {
        throw new DatastoreError(
          "log_dir",
          "The PostgreSQL server cannot write its log into the instance's log_dir (the directory must exist " +
            "and be writable by the server's user).",
          `${this.description}: ${directory}: ${message}`,
        );
      }
      return; // not allowed to COPY to files: the check is skipped, the settings still apply
    }
    try {
      const server = await stat(probe);
      const existing = await stat(file).catch(() => undefined);
      if (existing) {
        const mode = existing.mode;
        const writable =
          (existing.uid === server.uid && (mode & 0o200) !== 0) ||
          (existing.gid === server.gid && (mode & 0o020) !== 0) ||
          (mode & 0o002) !== 0;
        if (!writable) {
          throw new DatastoreError(
            "log_dir",
            "The PostgreSQL server cannot append to the log file already in the instance's log_dir: it " +
              "belongs to another user; remove it or give it to the server's user.",
            `${file} belongs to uid ${existing.uid} with mode ${(mode & 0o777).toString(8)}`,
          );
        }
      }
    } finally {
      await rm(probe, { force: true }).catch(() => undefined);
    }
  }

  /** Values of postgresql.auto.conf (what ALTER SYSTEM wrote), to put back on failure; empty when unreadable. */
  private static async autoConf(client: Client, names: readonly string[]): Promise<Map<string, string>> {
    try {
      const result = await client.query<{ name: string; setting: string }>(
        "SELECT name, setting FROM pg_file_settings WHERE sourcefile LIKE '%postgresql.auto.conf' " +
          "AND name = ANY($1) ORDER BY seqno",
        [names],
      );
      return new Map(result.rows.map((row) => [row.name, row.setting]));
    } catch {
      return new Map();
    }
  }

  private static async alter(client: Client, name: string, value: string | undefined): Promise<void> {
    await client.query(
      value === undefined
        ? `ALTER SYSTEM RESET ${name}`
        : `ALTER SYSTEM SET ${name} = ${client.escapeLiteral(value)}`,
    );
  }

  async setEnabled(_log: LogDefinition, on: boolean, target: SwitchTarget): Promise<LogState> {
    const doing = `${on ? "enable" : "disable"} the general log`;
    return this.withClient(doing, async (client) => {
      const current = await PostgresqlControl.collector(client);
      const running = current.restartPending ? !current.enabled : current.enabled;
      if (on) await this.checkLogDirectory(client, target.file);
      const steps: Array<[string, string | undefined]> = on
        ? [
            ["log_destination", "stderr"],
            ["log_directory", dirname(target.file)],
            ["log_filename", basename(target.file)],
            ["log_statement", "all"],
            ["log_min_duration_statement", String(Math.round(target.longQueryTimeMs))],
            ["logging_collector", "on"],
          ]
        : [
            ["logging_collector", "off"],
            ["log_statement", undefined],
            ["log_min_duration_statement", undefined],
          ];
      const before = await PostgresqlControl.autoConf(client, ENABLE_ORDER);
      const applied: string[] = [];
      try {
        for (const [name, value] of steps) {
          await PostgresqlControl.alter(client, name, value);
          applied.push(name);
        }
        await client.query("SELECT pg_reload_conf()");
      } catch (error) {
        for (const name of applied.reverse())
          await PostgresqlControl.alter(client, name, before.get(name)).catch(() => undefined);
        await client.query("SELECT pg_reload_conf()").catch(() => undefined);
        throw error;
      }
      const state = { enabled: on, restartPending: running !== on };
      await this.awaitReload(client, state.restartPending);
      this.state = state;
      return state;
    });
  }

  /** pg_reload_conf() only signals: wait (briefly) until the server reports the change as pending. */
  private async awaitReload(client: Client, pending: boolean): Promise<void> {
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
      if ((await PostgresqlControl.collector(client)).restartPending === pending) return;
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  async restart(logs: LogDefinition[]): Promise<boolean> {
    const command = this.settings.restartCommand;
    if (!command) {
      throw new DatastoreError(
        "not_configured",
        "Trove Logs has no restart_command for this PostgreSQL server: restart it yourself (for example " +
          "pg_ctlcluster <version> <cluster> restart); the logs show their real status once it is back.",
      );
    }
    await runRestartCommand(command, Math.max(this.settings.timeoutMs, 120_000));
    await waitUntilReachable(
      async () => void (await this.read(logs)),
      Math.max(this.settings.timeoutMs, 60_000),
    );
    return true;
  }

  async close(): Promise<void> {}
}
