/**
 * The log formats Trove publishes, as far as time and severity go. MySQL and MariaDB share one format
 * per log (their styles differ only in how a line starts, which every reader below recognises), so
 * the datastore's label (mysql, mariadb, percona, …) never has to say which server really runs.
 */
export type LogFormat = "mysql-general" | "mysql-slow" | "mysql-error" | "postgresql" | "oslo" | "unknown";

const MYSQL_FAMILY = /^(mysql|mariadb|percona(-?xtradb(-?cluster)?)?|pxc)$/;
const MYSQL_LOGS: Record<string, LogFormat> = {
  general: "mysql-general",
  general_log: "mysql-general",
  slow_query: "mysql-slow",
  slow_query_log: "mysql-slow",
  error: "mysql-error",
  error_log: "mysql-error",
};

/** Which format a log is written in, from the instance's datastore type and the log's name. */
export function chooseFormat(datastoreType: string, logName: string): LogFormat {
  const datastore = datastoreType.trim().toLowerCase();
  const log = logName.trim().toLowerCase();
  if (log === "guest") return "oslo"; // the Trove guest agent's own log, whatever the datastore
  if (MYSQL_FAMILY.test(datastore)) return MYSQL_LOGS[log] ?? "unknown";
  if (datastore === "postgresql" || datastore === "postgres") {
    return log === "general" || log === "postgres" || log === "postgresql" ? "postgresql" : "unknown";
  }
  return "unknown";
}
