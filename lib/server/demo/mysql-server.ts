import "server-only";

export type MysqlFlavor = "mysql" | "mariadb";

/** How a MySQL-family server names itself in its log files. */
export interface MysqlServer {
  flavor: MysqlFlavor;
  /** The datastore version, e.g. `8.0.36`. */
  version: string;
  /** `SELECT VERSION()`, e.g. `10.11.6-MariaDB-1:10.11.6+maria~ubu2204-log`. */
  fullVersion: string;
  binary: string;
  /** `@@version_comment`. */
  comment: string;
  socket: string;
}

export function mysqlServer(flavor: MysqlFlavor, version?: string): MysqlServer {
  if (flavor === "mysql") {
    const v = version ?? "8.0.36";
    return {
      flavor,
      version: v,
      fullVersion: v,
      binary: "/usr/sbin/mysqld",
      comment: "MySQL Community Server - GPL",
      socket: "/var/run/mysqld/mysqld.sock",
    };
  }
  const v = version ?? "10.11.6";
  return {
    flavor,
    version: v,
    // The official image's build; MariaDB appends "-log" while a log is enabled.
    fullVersion: `${v}-MariaDB-1:${v}+maria~ubu2204-log`,
    binary: "/usr/sbin/mariadbd",
    comment: "mariadb.org binary distribution",
    socket: "/run/mysqld/mysqld.sock",
  };
}

/** The block mysqld writes whenever it opens its general or slow query log file. */
export function queryLogHeader(server: MysqlServer): string {
  const columns =
    server.flavor === "mysql"
      ? "Time                 Id Command    Argument\n"
      : "Time\t\t    Id Command\tArgument\n";
  return (
    `${server.binary}, Version: ${server.fullVersion} (${server.comment}). started with:\n` +
    `Tcp port: 3306  Unix socket: ${server.socket}\n` +
    columns
  );
}
