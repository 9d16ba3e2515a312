// What `scripts/services/mariadb.sh start` and `postgresql.sh start` left for tests: the servers'
// addresses, users, password files and log directories (TROVE_LOGS_TEST_* variables, else the run
// directory's env file), a check that the server really answers, and a way to run a statement on it.
// Plain Node: used by vitest integration tests, playwright.config.ts and Playwright specs alike.
import { chownSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import { Client } from "pg";

export type TestServerKind = "mariadb" | "postgresql";

export interface TestServer {
  kind: TestServerKind;
  host: string;
  port: number;
  /** MariaDB: the socket file; PostgreSQL: the socket directory. */
  socket: string;
  user: string;
  /** A user without the privileges to switch logs. */
  limitedUser: string;
  passwordFile: string;
  /** Owned by the server's user: test log directories are made below it. */
  logDir: string;
  version: string;
  /** PostgreSQL: argv that restarts the server (pg_ctl restart as postgres). */
  restartCommand?: string[];
}

const servicesDir = () => process.env.TROVE_LOGS_SERVICES_DIR || "/tmp/trove-logs-services";

const HOW_TO_START: Record<TestServerKind, string> = {
  mariadb: "start it with `bash scripts/services/mariadb.sh start` (`npm test` does)",
  postgresql: "start it with `bash scripts/services/postgresql.sh start` (`npm test` does)",
};

/** `export NAME=value` lines of the run directory's env file. */
function envFile(kind: TestServerKind): Record<string, string> {
  let text = "";
  try {
    text = readFileSync(join(servicesDir(), kind, "env"), "utf8");
  } catch {
    return {};
  }
  const vars: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) vars[match[1]!] = match[2]!.replace(/^'(.*)'$/, "$1");
  }
  return vars;
}

/** The test server's settings: TROVE_LOGS_TEST_<KIND>_* from the environment, else what the script wrote. */
export function testServer(kind: TestServerKind): TestServer {
  const prefix = `TROVE_LOGS_TEST_${kind.toUpperCase()}_`;
  const file = envFile(kind);
  const get = (name: string, fallback: string) =>
    process.env[prefix + name] || file[prefix + name] || fallback;
  const run = join(servicesDir(), kind);
  const restart = get("RESTART_COMMAND", "");
  return {
    kind,
    host: get("HOST", "127.0.0.1"),
    port: Number(get("PORT", kind === "mariadb" ? "3307" : "5433")),
    socket:
      kind === "mariadb"
        ? get("SOCKET", join(run, "run", "mariadbd.sock"))
        : get("SOCKET_DIR", join(run, "run")),
    user: get("USER", "trove_logs"),
    limitedUser: get("LIMITED_USER", "trove_logs_limited"),
    passwordFile: get("PASSWORD_FILE", join(run, "password")),
    logDir: get("LOG_DIR", join(run, "logs")),
    version: get("VERSION", kind === "mariadb" ? "10.11" : "15"),
    restartCommand: restart ? (JSON.parse(restart) as string[]) : undefined,
  };
}

const password = (server: TestServer) => readFileSync(server.passwordFile, "utf8").trim();

/** Runs statements on the server as the test user (or `user`), one connection, and answers the rows of each. */
export async function runSql(
  server: TestServer,
  statements: string[],
  user = server.user,
): Promise<unknown[][]> {
  const results: unknown[][] = [];
  if (server.kind === "mariadb") {
    const connection = await createConnection({
      host: server.host,
      port: server.port,
      user,
      password: password(server),
      connectTimeout: 5000,
    });
    try {
      for (const sql of statements) {
        const [rows] = await connection.query({ sql, timeout: 60_000 });
        results.push(Array.isArray(rows) ? (rows as unknown[]) : []);
      }
    } finally {
      await connection.end();
    }
    return results;
  }
  const client = new Client({
    host: server.host,
    port: server.port,
    user,
    password: password(server),
    database: "postgres",
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    for (const sql of statements) results.push((await client.query(sql)).rows);
  } finally {
    await client.end();
  }
  return results;
}

/** Throws, saying how to start it, unless the test server answers a query. */
export async function requireServer(kind: TestServerKind): Promise<TestServer> {
  const server = testServer(kind);
  try {
    statSync(server.passwordFile);
    await runSql(server, ["SELECT 1"]);
    return server;
  } catch (error) {
    const name = kind === "mariadb" ? "MariaDB" : "PostgreSQL";
    throw new Error(
      `${name} is not usable at ${server.host}:${server.port} as ${server.user} ` +
        `(${(error as Error).message}); ${HOW_TO_START[kind]}.`,
    );
  }
}

/** A fresh directory the server may write its logs into (below its log directory, owned like it). */
export function serverLogDir(server: TestServer, label: string): string {
  const dir = mkdtempSync(join(server.logDir, `${label}-`));
  const owner = statSync(server.logDir);
  chownSync(dir, owner.uid, owner.gid);
  return dir;
}

/** `marker-<random>`: a string no earlier run can have logged. */
export const marker = (label = "marker") =>
  `${label}-${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36)}`;
