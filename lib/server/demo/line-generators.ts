import "server-only";
import { guestAgentLog } from "./guest-agent-log";
import type { LogGenerator, LogGeneratorOptions } from "./log-generator";
import { mysqlErrorLog } from "./mysql-error-log";
import { mysqlGeneralLog } from "./mysql-general-log";
import { mysqlSlowLog } from "./mysql-slow-log";
import { postgresqlLog } from "./postgresql-log";

export type { LogGenerator, LogGeneratorOptions } from "./log-generator";
export { seededRandom, type Random } from "./random-source";

export const DEMO_LOG_KINDS = [
  "mysql-general",
  "mysql-slow",
  "mysql-error",
  "mariadb-general",
  "mariadb-slow",
  "mariadb-error",
  "postgresql-general",
  "guest",
] as const;

/** Which real log format a demo log file imitates. */
export type DemoLogKind = (typeof DEMO_LOG_KINDS)[number];

/**
 * A generator of realistic text for one log file. Given the same `random` source and the same
 * instants it produces the same text; it keeps only what a real server would (thread ids in use,
 * a checkpoint in progress), so use one generator per file.
 */
export function createLogGenerator(kind: DemoLogKind, options: LogGeneratorOptions = {}): LogGenerator {
  const random = options.random ?? Math.random;
  switch (kind) {
    case "mysql-general":
      return mysqlGeneralLog("mysql", random, options.version);
    case "mariadb-general":
      return mysqlGeneralLog("mariadb", random, options.version);
    case "mysql-slow":
      return mysqlSlowLog("mysql", random, options.version);
    case "mariadb-slow":
      return mysqlSlowLog("mariadb", random, options.version);
    case "mysql-error":
      return mysqlErrorLog("mysql", random, options.version);
    case "mariadb-error":
      return mysqlErrorLog("mariadb", random, options.version);
    case "postgresql-general":
      return postgresqlLog(random, options.version);
    case "guest":
      return guestAgentLog(random, options);
  }
}

/** A file's worth of text: the header at `fromMs`, then one-second bursts until `toMs`. */
export function generateLogText(generator: LogGenerator, fromMs: number, toMs: number): string {
  let text = generator.header(fromMs);
  for (let at = fromMs; at < toMs; at += 1000) text += generator.burst(at, Math.min(toMs, at + 1000));
  return text;
}
