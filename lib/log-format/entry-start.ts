import type { LogFormat } from "./formats";
import { postgresLine } from "./postgres-prefix";
import { isoLikeAt, mariadbShortAt } from "./timestamps";

/** The banner a MySQL/MariaDB server writes at the top of its general and slow logs (again after each restart). */
const BANNER =
  /^(\S.*, Version: .* started with:|Tcp port: \d+ {2}Unix socket: |Time\s+Id Command\s+Argument$)/;
/** A MariaDB general-log line within an already stamped second: `\t\t   42 Query\tSELECT 2`. */
const MARIADB_SAME_SECOND = /^\t\t *\d+ [A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*(?:\t|$)/;
/** PostgreSQL lines that add to the entry above instead of starting one. */
const POSTGRES_FOLLOWERS = new Set(["DETAIL", "HINT", "CONTEXT", "STATEMENT", "QUERY", "LOCATION"]);
/**
 * oslo writes every line of a traceback with the exception prefix (time pid ERROR logger, no
 * `[request context]`): those continue the entry that logged the exception.
 */
const OSLO_CONTEXT = /^\S+ \S+ \d+ [A-Z]+ \S+ \[/;

const stamped = (line: string) => isoLikeAt(line) !== undefined || mariadbShortAt(line) !== undefined;

/**
 * Whether the line begins a new entry (else it continues the one above: multi-line statements,
 * slow-log blocks, stack traces), so filters can keep entries whole. `previous` is the line before,
 * when known: in a slow log, `# User@Host:` starts an entry unless a `# Time:` header just did.
 */
export function startsEntry(format: LogFormat, line: string, previous?: string): boolean {
  switch (format) {
    case "mysql-general":
      return stamped(line) || MARIADB_SAME_SECOND.test(line) || BANNER.test(line);
    case "mysql-slow":
      if (line.startsWith("# Time: ") || BANNER.test(line)) return true;
      return line.startsWith("# User@Host: ") && !previous?.startsWith("# Time: ");
    case "mysql-error":
      return stamped(line);
    case "postgresql": {
      const parsed = postgresLine(line);
      return parsed !== undefined && !POSTGRES_FOLLOWERS.has(parsed.level);
    }
    case "oslo":
      return stamped(line) && OSLO_CONTEXT.test(line);
    default:
      return true;
  }
}
