import type { LogFormat } from "./formats";
import { postgresLine, postgresPrefixTime } from "./postgres-prefix";
import { isoLikeAt, mariadbShortAt } from "./timestamps";

/** `SET timestamp=1764496800;` in a slow-log entry: epoch seconds, the most reliable time MariaDB writes. */
const SET_TIMESTAMP = /^SET timestamp=(\d{1,12});/;
const SLOW_TIME_HEADER = "# Time: ";

function mysqlStampAt(text: string): number | undefined {
  return (isoLikeAt(text) ?? mariadbShortAt(text))?.ms;
}

/**
 * The time written on this line itself, in epoch milliseconds (UTC; times without a zone read as UTC),
 * or undefined when the line carries none. Lines without a time belong to the entry above: see
 * `timeCarrier` for readers going through a log line by line.
 */
export function lineTime(format: LogFormat, line: string): number | undefined {
  switch (format) {
    case "mysql-general":
    case "mysql-error":
    case "oslo":
      return mysqlStampAt(line);
    case "mysql-slow": {
      if (line.startsWith(SLOW_TIME_HEADER)) return mysqlStampAt(line.slice(SLOW_TIME_HEADER.length));
      const set = SET_TIMESTAMP.exec(line);
      return set ? Number(set[1]) * 1000 : undefined;
    }
    case "postgresql": {
      const parsed = postgresLine(line);
      return parsed ? postgresPrefixTime(line, parsed.prefixLength) : undefined;
    }
    default:
      return isoLikeAt(line)?.ms;
  }
}

/**
 * Times of lines read in order: each line's own time, or the time of the last line that had one
 * (MariaDB writes the time only on the first line of each second; continuation lines, stack traces
 * and slow-log bodies have none). Undefined until the first time is seen.
 */
export function timeCarrier(format: LogFormat): (line: string) => number | undefined {
  let last: number | undefined;
  return (line) => {
    const own = lineTime(format, line);
    if (own === undefined) return last;
    // A slow entry's `SET timestamp` is when its query started, before its `# Time:` (when it ended):
    // it refines the time of an entry without a header but never moves the log back.
    const startedEarlier =
      format === "mysql-slow" && !line.startsWith("#") && last !== undefined && own < last;
    if (!startedEarlier) last = own;
    return last;
  };
}
