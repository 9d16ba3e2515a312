import "server-only";
import { eventInstants, Timeline, type LogGenerator } from "./log-generator";
import { mariadbShortTimestamp, mysqlTimestamp, unixSeconds } from "./log-time";
import { mysqlServer, queryLogHeader, type MysqlFlavor } from "./mysql-server";
import { chance, pick, randFloat, randInt, type Random } from "./random-source";
import { clientHost } from "./shop-data";
import { reportingQuery } from "./sql-reports";

/** Trove's default long_query_time is 1 s, so a healthy shop logs a slow query every few seconds. */
const ENTRIES_PER_SECOND = 0.15;

/** The slow query log of MySQL 8 or MariaDB (long_query_time = 1). */
export function mysqlSlowLog(flavor: MysqlFlavor, random: Random, version?: string): LogGenerator {
  const server = mysqlServer(flavor, version);
  const timeline = new Timeline();
  let lastSecond = -1;

  const entry = (endedAt: number): string => {
    // Mostly 1–4 s, with a long tail.
    const queryTime = 1 + randFloat(random, 0, 3) * (chance(random, 0.1) ? randFloat(random, 2, 6) : 1);
    const lockTime = chance(random, 0.85)
      ? randFloat(random, 0.000005, 0.0004)
      : randFloat(random, 0.01, 0.9);
    const query = reportingQuery(random, "mysql");
    const limit = Number(/LIMIT (\d+)/.exec(query)?.[1] ?? Number.POSITIVE_INFINITY);
    const rowsSent = query.startsWith("UPDATE") ? 0 : Math.min(limit, randInt(random, 1, 400));
    const rowsExamined = randInt(random, 20_000, 4_000_000);
    const thread = randInt(random, 30, 900);
    const user = pick(random, ["app", "app", "reporting"]);
    const host = clientHost(random);
    const startedAt = unixSeconds(endedAt - queryTime * 1000);
    const sql = `${query};\n`;
    const qt = queryTime.toFixed(6);
    const lt = lockTime.toFixed(6);

    if (flavor === "mysql") {
      return (
        `# Time: ${mysqlTimestamp(endedAt)}\n` +
        `# User@Host: ${user}[${user}] @  [${host}]  Id: ${String(thread).padStart(5)}\n` +
        `# Query_time: ${qt}  Lock_time: ${lt} Rows_sent: ${rowsSent}  Rows_examined: ${rowsExamined}\n` +
        (chance(random, 0.2) ? "use shop;\n" : "") +
        `SET timestamp=${startedAt};\n` +
        sql
      );
    }
    // MariaDB writes "# Time:" only when the second changed since its previous entry.
    const second = Math.floor(endedAt / 1000);
    const time = second === lastSecond ? "" : `# Time: ${mariadbShortTimestamp(endedAt)}\n`;
    lastSecond = second;
    return (
      time +
      `# User@Host: ${user}[${user}] @  [${host}]\n` +
      `# Thread_id: ${thread}  Schema: shop  QC_hit: No\n` +
      `# Query_time: ${qt}  Lock_time: ${lt}  Rows_sent: ${rowsSent}  Rows_examined: ${rowsExamined}\n` +
      `# Rows_affected: ${query.startsWith("UPDATE") ? randInt(random, 1, 900) : 0}  Bytes_sent: ${rowsSent * randInt(random, 40, 120) + 64}\n` +
      `SET timestamp=${startedAt};\n` +
      sql
    );
  };

  return {
    header() {
      lastSecond = -1;
      return queryLogHeader(server);
    },
    burst(fromMs, toMs) {
      let text = "";
      for (const instant of eventInstants(random, ENTRIES_PER_SECOND, fromMs, toMs)) {
        text += entry(timeline.at(instant));
      }
      return text;
    },
  };
}
