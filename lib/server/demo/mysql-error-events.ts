import "server-only";
import { pick, randInt, weighted, type Random } from "./random-source";
import { clientHost } from "./shop-data";

/** Thread, level, MySQL error code, subsystem, message, and lines that follow without a prefix. */
export type ErrorLogEntry = [
  thread: number,
  level: "System" | "Note" | "Warning" | "ERROR",
  code: string,
  subsystem: string,
  message: string,
  continuation?: string[],
];

export const ABORT_REASONS = [
  "Got an error reading communication packets",
  "Got timeout reading communication packets",
  "Got an error writing communication packets",
] as const;

/** An address the server cannot resolve (skip_name_resolve is off in the demo). */
export function unresolvedAddress(random: Random): string {
  return `10.0.${randInt(random, 2, 9)}.${randInt(random, 2, 250)}`;
}

function deadlock(random: Random, thread: number, host: string): ErrorLogEntry[] {
  const trx = randInt(random, 100_000, 900_000);
  return [
    [thread, "Note", "MY-012468", "InnoDB", "Transactions deadlock detected, dumping detailed information."],
    [
      thread,
      "Note",
      "MY-012469",
      "InnoDB",
      "*** (1) TRANSACTION:",
      [
        `TRANSACTION ${trx}, ACTIVE 0 sec starting index read`,
        "mysql tables in use 1, locked 1",
        "LOCK WAIT 3 lock struct(s), heap size 1128, 2 row lock(s)",
        `MySQL thread id ${thread}, OS thread handle 1401${randInt(random, 10_000_000, 99_999_999)}, ` +
          `query id ${randInt(random, 10_000, 999_999)} ${host} app updating`,
        "UPDATE products SET stock = stock - 1 WHERE sku = 'MUG-001'",
      ],
    ],
    [thread, "Note", "MY-012469", "InnoDB", "*** WE ROLL BACK TRANSACTION (2)"],
  ];
}

/** One thing that happens while MySQL 8 runs: usually one entry, a deadlock dump is several. */
export function mysqlRuntimeEvent(random: Random): ErrorLogEntry[] {
  const thread = randInt(random, 20, 4000);
  const host = clientHost(random);
  const one = (level: ErrorLogEntry[1], code: string, subsystem: string, message: string, at = thread) => [
    [at, level, code, subsystem, message] satisfies ErrorLogEntry,
  ];
  const aborted = `Aborted connection ${thread} to db: 'shop' user: 'app' host: '${host}'`;
  return weighted<() => ErrorLogEntry[]>(random, [
    [10, () => one("Note", "MY-010914", "Server", `${aborted} (${pick(random, ABORT_REASONS)}).`)],
    [
      4,
      () =>
        one("Note", "MY-010926", "Server", `Access denied for user 'app'@'${host}' (using password: YES)`),
    ],
    [
      3,
      () =>
        one(
          "Warning",
          "MY-010055",
          "Server",
          `IP address '${unresolvedAddress(random)}' could not be resolved: Name or service not known`,
          0,
        ),
    ],
    [
      3,
      () =>
        one(
          "Warning",
          "MY-013360",
          "Server",
          "Plugin mysql_native_password reported: ''mysql_native_password' is deprecated and will be removed " +
            "in a future release. Please use caching_sha2_password instead'",
        ),
    ],
    [
      3,
      () =>
        one(
          "Note",
          "MY-011953",
          "InnoDB",
          `Page cleaner took ${randInt(random, 4001, 9000)}ms to flush ${randInt(random, 100, 2000)} and evict 0 pages`,
          0,
        ),
    ],
    [2, () => deadlock(random, thread, host)],
    [
      1,
      () => [
        [thread, "ERROR", "MY-012592", "InnoDB", "Operating system error number 28 in a file operation."],
        [thread, "ERROR", "MY-012596", "InnoDB", "Error number 28 means 'No space left on device'"],
      ],
    ],
  ])();
}
