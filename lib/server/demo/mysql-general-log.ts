import "server-only";
import { eventInstants, Timeline, type LogGenerator } from "./log-generator";
import { mariadbShortTimestamp, mysqlTimestamp } from "./log-time";
import { mysqlServer, queryLogHeader, type MysqlFlavor } from "./mysql-server";
import { chance, pick, randFloat, randInt, weighted, type Random } from "./random-source";
import { clientHost, customerId } from "./shop-data";
import { appStatement, checkoutStatements } from "./sql-statements";

/** Events per second of a busy shop; each event is one to eight lines of ~120 bytes. */
const EVENTS_PER_SECOND = 12;

type Entry = [thread: number, command: string, argument: string];

/**
 * The general query log of MySQL 8 or MariaDB: a connection pool sending the shop's queries,
 * short-lived connections (Connect / Init DB / Quit), prepared statements and the guest
 * agent's own checks over the local socket.
 */
export function mysqlGeneralLog(flavor: MysqlFlavor, random: Random, version?: string): LogGenerator {
  const server = mysqlServer(flavor, version);
  const timeline = new Timeline();
  let nextThread = randInt(random, 8, 40);
  const pool: number[] = [];
  while (pool.length < 6) pool.push(nextThread++);
  let lastSecond = -1;

  const format = (instant: number, [thread, command, argument]: Entry): string => {
    if (flavor === "mysql") {
      return `${mysqlTimestamp(instant)}\t${String(thread).padStart(5)} ${command}\t${argument}\n`;
    }
    // MariaDB prints the time only when the second changes, and two tabs otherwise.
    const second = Math.floor(instant / 1000);
    const time = second === lastSecond ? "\t" : `${mariadbShortTimestamp(instant)}`;
    lastSecond = second;
    return `${time}\t${String(thread).padStart(6)} ${command}\t${argument}\n`;
  };

  const pooled = (): number => {
    if (chance(random, 0.01)) pool[randInt(random, 0, pool.length - 1)] = nextThread++;
    return pick(random, pool);
  };

  const event = (): Entry[] =>
    weighted<() => Entry[]>(random, [
      [70, () => [[pooled(), "Query", appStatement(random, "mysql")]]],
      [
        8,
        () => {
          const thread = pooled();
          return checkoutStatements(random, "mysql").map((sql): Entry => [thread, "Query", sql]);
        },
      ],
      [
        6,
        () => {
          const thread = nextThread++;
          return [
            [thread, "Connect", `app@${clientHost(random)} on shop using TCP/IP`],
            [thread, "Query", "SET NAMES utf8mb4"],
            [thread, "Query", appStatement(random, "mysql")],
            [thread, "Quit", ""],
          ];
        },
      ],
      [
        4,
        () => {
          const thread = pooled();
          const id = customerId(random);
          return [
            [thread, "Prepare", "SELECT id, status, total_cents FROM orders WHERE customer_id = ? LIMIT ?"],
            [
              thread,
              "Execute",
              `SELECT id, status, total_cents FROM orders WHERE customer_id = ${id} LIMIT 20`,
            ],
            [thread, "Close stmt", ""],
          ];
        },
      ],
      [
        2,
        () => {
          const thread = nextThread++;
          return [
            [thread, "Connect", "os_admin@localhost on  using Socket"],
            [
              thread,
              "Query",
              pick(random, ["SELECT 1", "SHOW GLOBAL STATUS LIKE 'Uptime'", "SELECT @@global.read_only"]),
            ],
            [thread, "Quit", ""],
          ];
        },
      ],
      [
        2,
        () => {
          const thread = nextThread++;
          return [
            [thread, "Connect", `reporting@${clientHost(random)} on  using TCP/IP`],
            [thread, "Init DB", "shop"],
            [thread, "Query", appStatement(random, "mysql")],
            [thread, "Quit", ""],
          ];
        },
      ],
    ])();

  return {
    header() {
      lastSecond = -1;
      return queryLogHeader(server);
    },
    burst(fromMs, toMs) {
      let text = "";
      for (const instant of eventInstants(random, EVENTS_PER_SECOND, fromMs, toMs)) {
        let at = timeline.at(instant);
        for (const entry of event()) {
          text += format(at, entry);
          at = timeline.after(randFloat(random, 0.05, 2.5));
        }
      }
      return text;
    },
  };
}
