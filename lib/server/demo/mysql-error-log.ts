import "server-only";
import { eventInstants, Timeline, type LogGenerator } from "./log-generator";
import { mariadbErrorTimestamp, mysqlTimestamp } from "./log-time";
import { mysqlServer, type MysqlFlavor, type MysqlServer } from "./mysql-server";
import { randFloat, type Random } from "./random-source";
import { mariadbRuntimeEvent } from "./mariadb-error-events";
import { mysqlRuntimeEvent, type ErrorLogEntry } from "./mysql-error-events";

/** The error log is quiet: an aborted connection or an InnoDB note every half minute or so. */
const ENTRIES_PER_SECOND = 1 / 30;

function mysqlStartup(server: MysqlServer): ErrorLogEntry[] {
  const v = server.version;
  return [
    [0, "System", "MY-010116", "Server", `${server.binary} (mysqld ${v}) starting as process 1`],
    [1, "System", "MY-013576", "InnoDB", "InnoDB initialization has started."],
    [1, "System", "MY-013577", "InnoDB", "InnoDB initialization has ended."],
    [0, "Warning", "MY-010068", "Server", "CA certificate ca.pem is self signed."],
    [
      0,
      "System",
      "MY-013602",
      "Server",
      "Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.",
    ],
    [
      0,
      "Warning",
      "MY-011810",
      "Server",
      "Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory.",
    ],
    [
      0,
      "System",
      "MY-011323",
      "Server",
      "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock",
    ],
    [
      0,
      "System",
      "MY-010931",
      "Server",
      `${server.binary}: ready for connections. Version: '${v}'  socket: '${server.socket}'  port: 3306  ${server.comment}.`,
    ],
  ];
}

function mariadbStartup(server: MysqlServer): ErrorLogEntry[] {
  return [
    [0, "Note", "", "", `Starting MariaDB ${server.fullVersion} as process 1`],
    [0, "Note", "", "", "InnoDB: Compressed tables use zlib 1.2.11"],
    [0, "Note", "", "", "InnoDB: Number of transaction pools: 1"],
    [0, "Note", "", "", "InnoDB: Using crc32 + pclmulqdq instructions"],
    [0, "Note", "", "", "InnoDB: Initializing buffer pool, total size = 128.000MiB, chunk size = 2.000MiB"],
    [0, "Note", "", "", "InnoDB: Completed initialization of buffer pool"],
    [0, "Note", "", "", "InnoDB: 128 rollback segments are active."],
    [0, "Note", "", "", "InnoDB: log sequence number 46846; transaction id 14"],
    [0, "Note", "", "", "Server socket created on IP: '0.0.0.0'."],
    [
      0,
      "Note",
      "",
      "",
      "mariadbd: ready for connections.",
      [`Version: '${server.fullVersion}'  socket: '${server.socket}'  port: 3306  ${server.comment}`],
    ],
  ];
}

/** The error log of MySQL 8 (`[MY-nnnnnn] [Subsystem]`) or MariaDB (plain `[Level]`). */
export function mysqlErrorLog(flavor: MysqlFlavor, random: Random, version?: string): LogGenerator {
  const server = mysqlServer(flavor, version);
  const timeline = new Timeline();

  const format = (
    instant: number,
    [thread, level, code, subsystem, message, more]: ErrorLogEntry,
  ): string => {
    const first =
      flavor === "mysql"
        ? `${mysqlTimestamp(instant)} ${thread} [${level}] [${code}] [${subsystem}] ${message}\n`
        : `${mariadbErrorTimestamp(instant)} ${thread} [${level}] ${message}\n`;
    return first + (more ?? []).map((line) => `${line}\n`).join("");
  };

  return {
    header(atMs) {
      // The startup sequence takes a second or two and ends just before `atMs`.
      let at = timeline.at(atMs - 2000 + random());
      let text = "";
      for (const entry of flavor === "mysql" ? mysqlStartup(server) : mariadbStartup(server)) {
        text += format(at, entry);
        at = timeline.after(randFloat(random, 5, 250));
      }
      return text;
    },
    burst(fromMs, toMs) {
      let text = "";
      for (const instant of eventInstants(random, ENTRIES_PER_SECOND, fromMs, toMs)) {
        const entries = flavor === "mysql" ? mysqlRuntimeEvent(random) : mariadbRuntimeEvent(random);
        let at = timeline.at(instant);
        for (const entry of entries) {
          text += format(at, entry);
          at = timeline.after(randFloat(random, 0.01, 0.5));
        }
      }
      return text;
    },
  };
}
