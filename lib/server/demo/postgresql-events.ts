import "server-only";
import { chance, pick, randFloat, randInt, weighted, type Random } from "./random-source";
import { clientHost, customerId } from "./shop-data";
import { reportingQuery } from "./sql-reports";
import { appStatement, checkoutStatements, duplicateCustomerInsert } from "./sql-statements";

/**
 * Backend pid, severity and message (continuation lines are tab-indented when written), and for an
 * entry logged when something finishes, how long after the previous entry of its event that is.
 */
export type PgEntry = [
  pid: number,
  level: "LOG" | "ERROR" | "DETAIL" | "STATEMENT" | "WARNING" | "FATAL",
  message: string,
  laterMs?: number,
];

export interface Backends {
  /** Long-lived connections of the application's pool. */
  pool: number[];
  /** A fresh backend for a new connection. */
  newPid(): number;
}

const statement = (pid: number, sql: string): PgEntry => [pid, "LOG", `statement: ${sql}`];

/** One thing a PostgreSQL 15 server logs with log_statement = 'all'. */
export function postgresEvent(random: Random, backends: Backends): PgEntry[] {
  const pid = pick(random, backends.pool);
  return weighted<() => PgEntry[]>(random, [
    [60, () => [statement(pid, appStatement(random, "postgresql"))]],
    [
      6,
      () => {
        const id = customerId(random);
        return [
          [
            pid,
            "LOG",
            "execute <unnamed>: SELECT id, status, total_cents FROM orders WHERE customer_id = $1 LIMIT $2",
          ],
          [pid, "DETAIL", `parameters: $1 = '${id}', $2 = '20'`],
        ];
      },
    ],
    [8, () => checkoutStatements(random, "postgresql").map((sql) => statement(pid, sql))],
    [
      8,
      () => {
        // log_min_duration_statement = 1000 ms: only these make it; the line appears when they finish.
        const duration = randFloat(random, 1000, chance(random, 0.1) ? 25_000 : 4000);
        return [
          statement(pid, reportingQuery(random, "postgresql")),
          [pid, "LOG", `duration: ${duration.toFixed(3)} ms`, duration],
        ];
      },
    ],
    [
      4,
      () => {
        const fresh = backends.newPid();
        const host = clientHost(random);
        const port = randInt(random, 32_768, 60_999);
        const user = pick(random, ["app", "reporting"]);
        const session = randInt(random, 40, 9_000);
        return [
          [fresh, "LOG", `connection received: host=${host} port=${port}`],
          [
            fresh,
            "LOG",
            `connection authorized: user=${user} database=shop application_name=${pick(random, ["shop-api", "psql", "metabase"])}`,
          ],
          statement(fresh, appStatement(random, "postgresql")),
          [
            fresh,
            "LOG",
            `disconnection: session time: 0:00:0${Math.floor(session / 1000)}.${String(session % 1000).padStart(3, "0")} user=${user} database=shop host=${host} port=${port}`,
            session,
          ],
        ];
      },
    ],
    [
      2,
      () => {
        const duplicate = duplicateCustomerInsert(random);
        return [
          statement(pid, duplicate.statement),
          [pid, "ERROR", 'duplicate key value violates unique constraint "customers_email_key"'],
          [pid, "DETAIL", `Key (email)=(${duplicate.email}) already exists.`],
          [pid, "STATEMENT", duplicate.statement],
        ];
      },
    ],
    [1, () => [statement(pid, "COMMIT"), [pid, "WARNING", "there is no transaction in progress"]]],
    [
      1,
      () => {
        const sql = "SELECT * FROM order_archive WHERE created_at < now() - interval '1 year'";
        return [
          statement(pid, sql),
          [pid, "ERROR", 'relation "order_archive" does not exist at character 15'],
          [pid, "STATEMENT", sql],
        ];
      },
    ],
    [
      1,
      () => {
        const fresh = backends.newPid();
        return [
          [
            fresh,
            "LOG",
            `connection received: host=${clientHost(random)} port=${randInt(random, 32_768, 60_999)}`,
          ],
          [fresh, "FATAL", 'password authentication failed for user "reporting"'],
          [fresh, "DETAIL", 'Connection matched pg_hba.conf line 100: "host all all all scram-sha-256"'],
        ];
      },
    ],
  ])();
}
