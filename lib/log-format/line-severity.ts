import type { Severity } from "@/lib/schemas/log-time";
import type { LogFormat } from "./formats";
import { postgresLine } from "./postgres-prefix";

/** MySQL 8 `[System]` (start-up, shutdown) ranks above `[Note]`; MariaDB writes no `[System]`. */
const MYSQL_LABELS: Record<string, Severity> = {
  Note: "info",
  System: "notice",
  Warning: "warning",
  ERROR: "error",
  Error: "error",
};

const POSTGRES_LEVELS: Record<string, Severity> = {
  DEBUG: "debug",
  INFO: "info",
  LOG: "info",
  NOTICE: "notice",
  WARNING: "warning",
  ERROR: "error",
  FATAL: "critical",
  PANIC: "critical",
};

const OSLO_LEVELS: Record<string, Severity> = {
  TRACE: "debug",
  DEBUG: "debug",
  INFO: "info",
  AUDIT: "notice",
  WARNING: "warning",
  ERROR: "error",
  CRITICAL: "critical",
};

/** `… 0 [Warning] [MY-010068] …` / `… 140234 [ERROR] …`: the first bracketed label near the start. */
const MYSQL_LABEL = /^[^[]{0,60}\[(Note|System|Warning|ERROR|Error)\]/;
/** `2026-12-01 20:43:44.542 16701 INFO trove.…`: the word after the time and pid. */
const OSLO_LEVEL = /^\S+ \S+ \d+ ([A-Z]+) /;

/**
 * The severity a line states, on one scale for every format, or undefined when it states none
 * (general and slow logs, continuation lines; PostgreSQL's DETAIL/HINT/CONTEXT/STATEMENT lines
 * belong to the entry above).
 */
export function lineSeverity(format: LogFormat, line: string): Severity | undefined {
  switch (format) {
    case "mysql-error": {
      const label = MYSQL_LABEL.exec(line);
      return label ? MYSQL_LABELS[label[1]!] : undefined;
    }
    case "postgresql": {
      const parsed = postgresLine(line);
      if (!parsed) return undefined;
      return POSTGRES_LEVELS[parsed.level.replace(/[1-5]$/, "")];
    }
    case "oslo": {
      const level = OSLO_LEVEL.exec(line);
      return level ? OSLO_LEVELS[level[1]!] : undefined;
    }
    default:
      return undefined;
  }
}
