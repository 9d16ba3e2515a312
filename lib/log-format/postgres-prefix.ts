import { isoLikeAt, epochSecondsAt, postgresTimeAt } from "./timestamps";

/** The level word PostgreSQL writes after `log_line_prefix`, followed by a colon and two spaces. */
const LEVEL =
  /(DEBUG[1-5]?|INFO|NOTICE|WARNING|ERROR|LOG|FATAL|PANIC|DETAIL|HINT|CONTEXT|STATEMENT|QUERY|LOCATION):  /;
/** Prefixes are short; a level word further in is part of a message, not the line's own. */
const MAX_PREFIX = 300;

export interface PostgresLine {
  level: string;
  /** Where the prefix ends (the level word starts). */
  prefixLength: number;
}

/** The level of a line that starts with a prefix (no leading whitespace: those continue a statement). */
export function postgresLine(line: string): PostgresLine | undefined {
  if (line.length === 0 || line[0] === "\t" || line[0] === " ") return undefined;
  const match = LEVEL.exec(line.length > MAX_PREFIX + 12 ? line.slice(0, MAX_PREFIX + 12) : line);
  if (!match || match.index > MAX_PREFIX) return undefined;
  // The level follows the prefix: start of line, or after a space, `]`, `:` or similar separator.
  if (match.index > 0 && /[A-Za-z0-9_]/.test(line[match.index - 1]!)) return undefined;
  return { level: match[1]!, prefixLength: match.index };
}

/** The time in a prefix: `%m`/`%t` (anywhere in it, usually first) or `%n` (epoch) at its start. */
export function postgresPrefixTime(line: string, prefixLength: number): number | undefined {
  const prefix = line.slice(0, prefixLength);
  const first = postgresTimeAt(prefix) ?? epochSecondsAt(prefix);
  if (first) return first.ms;
  const later = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/.exec(prefix);
  if (!later) return undefined;
  return (postgresTimeAt(prefix.slice(later.index)) ?? isoLikeAt(prefix.slice(later.index)))?.ms;
}
