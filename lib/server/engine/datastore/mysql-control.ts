import "server-only";
import { resolve } from "node:path";
import { createPool, type Pool, type PoolConnection, type RowDataPacket } from "mysql2/promise";
import type { LogDefinition } from "../log-definitions";
import {
  DATASTORE_NAMES,
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

/** The server variables behind each USER log (Trove's mysql_common log definitions). */
const USER_LOG_VARIABLES: Record<string, { flag: string; file: string }> = {
  general: { flag: "general_log", file: "general_log_file" },
  slow_query: { flag: "slow_query_log", file: "slow_query_log_file" },
};

const STATE_SQL =
  "SELECT @@global.general_log AS general_log, @@global.general_log_file AS general_log_file, " +
  "@@global.slow_query_log AS slow_query_log, @@global.slow_query_log_file AS slow_query_log_file, " +
  "@@global.log_output AS log_output, @@global.log_error AS log_error, @@global.datadir AS datadir, " +
  "@@global.long_query_time AS long_query_time";

type Variables = Record<string, string | number | null>;

const isOn = (value: unknown) => value === 1 || value === "1" || String(value).toUpperCase() === "ON";
const writesFiles = (logOutput: unknown) => /\bFILE\b/i.test(String(logOutput ?? ""));

/**
 * MariaDB/MySQL over the wire, as Trove's guest agent switches them: `SET GLOBAL` of general_log,
 * general_log_file, slow_query_log, slow_query_log_file, long_query_time and log_output=FILE,
 * live, no restart. The error log is the server's own `log_error` file.
 */
export class MysqlControl implements DatastoreControl {
  readonly isServer = true;
  readonly description: string;
  private readonly name: string;
  private readonly states = new Map<string, LogState>();
  private connections?: Pool;

  constructor(
    datastore: string,
    private readonly settings: ServerSettings,
  ) {
    this.name = DATASTORE_NAMES[datastore] ?? datastore;
    this.description = `${this.name} at ${serverAddress(settings)} as ${settings.user}`;
  }

  /** The reason shown names no address (shownReason); the server's address and full words go to the detail. */
  private classify(error: unknown, doing: string, fileVariable?: string): DatastoreError {
    if (error instanceof DatastoreError) return error;
    const { code, errno, fatal } = error as { code?: string; errno?: number; fatal?: boolean };
    const why = shownReason(error);
    const detail = `${this.description}: ${reason(error)}`;
    const server = `${this.name} server`;
    if (isUnreachableCode(code) || errno === 1053 || errno === 1077 || errno === 2013 || (fatal && !errno))
      return new DatastoreError("unreachable", `Cannot reach the ${server} to ${doing}: ${why}.`, detail);
    if (errno === 1045 || errno === 1698 || errno === 1130 || errno === 1251 || errno === 1044)
      return new DatastoreError(
        "refused",
        `The ${server} refused the login of ${this.settings.user}: ${why}.`,
        detail,
      );
    if (errno === 1227 || errno === 1142 || errno === 1143)
      return new DatastoreError(
        "privileges",
        `The ${this.name} user ${this.settings.user} may not ${doing}: ${why} (Trove's guest agent has SUPER).`,
        detail,
      );
    if (errno === 1231 && fileVariable)
      return new DatastoreError(
        "log_dir",
        `The ${server} cannot write its log into the instance's log_dir (the directory must exist and be writable by the server).`,
        detail,
      );
    return new DatastoreError("failed", `The ${server} could not ${doing}: ${why}.`, detail);
  }

  /**
   * One small pool per server: connections stay open a while, so polling the state adds no
   * Connect/Quit lines to the general log (our own statements are kept out with sql_log_off).
   */
  private pool(): Pool {
    if (this.connections) return this.connections;
    const { host, port, socket, user, timeoutMs } = this.settings;
    const pool = createPool({
      ...(socket ? { socketPath: socket } : { host: host ?? "localhost", port: port ?? 3306 }),
      user,
      password: readPassword(this.settings.password),
      connectTimeout: timeoutMs,
      dateStrings: true,
      connectionLimit: 2,
      maxIdle: 1,
      idleTimeout: 300_000,
      enableKeepAlive: true,
    });
    pool.pool.on("connection", (connection) => {
      connection.on("error", () => undefined); // a dropped idle connection must not crash the process
      // Needs SUPER; without it our statements are logged like anyone's.
      connection.query("SET SESSION sql_log_off = 1", () => undefined);
    });
    this.connections = pool;
    return pool;
  }

  /** Drops the pool (after a refused login, so that a changed password is read again). */
  private async reset(): Promise<void> {
    const pool = this.connections;
    this.connections = undefined;
    await pool?.end().catch(() => undefined);
  }

  private async connect(doing: string): Promise<PoolConnection> {
    try {
      return await this.pool().getConnection();
    } catch (error) {
      const classified = this.classify(error, doing);
      if (classified.problem === "refused") await this.reset();
      throw classified;
    }
  }

  private async variables(connection: PoolConnection): Promise<Variables> {
    const [rows] = await connection.query<RowDataPacket[]>({
      sql: STATE_SQL,
      timeout: this.settings.timeoutMs,
    });
    return (rows[0] ?? {}) as Variables;
  }

  private stateOf(variables: Variables, logName: string): LogState {
    const names = USER_LOG_VARIABLES[logName];
    if (!names) return { enabled: false, restartPending: false };
    const file = variables[names.file];
    return {
      enabled: isOn(variables[names.flag]) && writesFiles(variables.log_output),
      restartPending: false,
      file: file ? resolve(String(variables.datadir ?? "/"), String(file)) : undefined,
    };
  }

  private async withConnection<T>(
    doing: string,
    task: (connection: PoolConnection) => Promise<T>,
  ): Promise<T> {
    const connection = await this.connect(doing);
    let broken = false;
    try {
      return await task(connection);
    } catch (error) {
      const classified = this.classify(error, doing);
      broken = classified.problem === "unreachable";
      throw classified;
    } finally {
      if (broken) connection.destroy();
      else connection.release();
    }
  }

  async read(logs: LogDefinition[]): Promise<DatastoreSnapshot> {
    const variables = await this.withConnection("read its logging settings", (connection) =>
      this.variables(connection),
    );
    const snapshot: DatastoreSnapshot = { logs: {}, files: {} };
    for (const log of logs) {
      if (log.type === "USER") {
        const state = this.stateOf(variables, log.name);
        this.states.set(log.name, state);
        snapshot.logs[log.name] = state;
      } else if (log.name === "error" && variables.log_error && variables.log_error !== "stderr") {
        // Empty (MariaDB) or "stderr" (MySQL 8) log_error: no file to publish.
        snapshot.files.error = resolve(String(variables.datadir ?? "/"), String(variables.log_error));
      }
    }
    return snapshot;
  }

  known(log: LogDefinition): LogState | undefined {
    return this.states.get(log.name);
  }

  async setEnabled(log: LogDefinition, on: boolean, target: SwitchTarget): Promise<LogState> {
    const names = USER_LOG_VARIABLES[log.name];
    if (!names) throw new DatastoreError("failed", `Log '${log.name}' cannot be switched in ${this.name}.`);
    const doing = `${on ? "enable" : "disable"} log '${log.name}'`;
    return this.withConnection(doing, async (connection) => {
      const before = await this.variables(connection);
      // File first, switch last: the log never goes on into the wrong file.
      const steps: Array<[string, string | number]> = on
        ? [
            [names.file, target.file],
            ...(writesFiles(before.log_output) ? [] : [["log_output", "FILE"] as [string, string]]),
            ...(log.name === "slow_query"
              ? [["long_query_time", target.longQueryTimeMs / 1000] as [string, number]]
              : []),
            [names.flag, "ON"],
          ]
        : [[names.flag, "OFF"]];
      const applied: string[] = [];
      try {
        for (const [name, value] of steps) {
          try {
            await connection.query({
              sql: `SET GLOBAL ${name} = ?`,
              values: [value],
              timeout: this.settings.timeoutMs,
            });
          } catch (error) {
            throw this.classify(error, doing, name === names.file ? name : undefined);
          }
          applied.push(name);
        }
        const after = await this.variables(connection);
        const state = this.stateOf(after, log.name);
        if (state.enabled !== on) {
          throw new DatastoreError(
            on ? "log_dir" : "failed",
            `${this.name} did not ${doing}: ${names.flag} is ${after[names.flag]} after setting it` +
              (on ? " (can the server write into the instance's log_dir? its error log tells)" : "") +
              ".",
            `${this.description}: ${names.file} = ${target.file}`,
          );
        }
        this.states.set(log.name, state);
        return state;
      } catch (error) {
        await this.rollBack(connection, applied, before);
        throw error;
      }
    });
  }

  /** Puts back what a failed switch had already changed, newest first; best effort. */
  private async rollBack(connection: PoolConnection, applied: string[], before: Variables): Promise<void> {
    for (const name of applied.reverse()) {
      const value = before[name];
      if (value === null || value === undefined) continue;
      await connection
        .query({ sql: `SET GLOBAL ${name} = ?`, values: [value], timeout: this.settings.timeoutMs })
        .catch(() => undefined);
    }
  }

  /** MySQL's logs switch live; a configured restart command still restarts the server when asked. */
  async restart(): Promise<boolean> {
    const command = this.settings.restartCommand;
    if (!command) return false;
    await runRestartCommand(command, Math.max(this.settings.timeoutMs, 120_000));
    await waitUntilReachable(
      () => this.withConnection("come back after the restart", async () => undefined),
      Math.max(this.settings.timeoutMs, 60_000),
    );
    return true;
  }

  async close(): Promise<void> {
    await this.reset();
  }
}
