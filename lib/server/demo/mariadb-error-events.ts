import "server-only";
import { ABORT_REASONS, unresolvedAddress, type ErrorLogEntry } from "./mysql-error-events";
import { pick, randInt, weighted, type Random } from "./random-source";
import { clientHost } from "./shop-data";

/** The kinds of things MySQL's error log reports, as MariaDB 10.11 words them (no codes, no subsystems). */
export function mariadbRuntimeEvent(random: Random): ErrorLogEntry[] {
  const thread = randInt(random, 20, 4000);
  const host = clientHost(random);
  const entry = (level: ErrorLogEntry[1], message: string, at = thread): ErrorLogEntry => [
    at,
    level,
    "",
    "",
    message,
  ];
  const tempFile = `/tmp/#sql-temptable-1-${randInt(random, 10, 99)}-0.MAI`;
  return weighted<() => ErrorLogEntry[]>(random, [
    [
      10,
      () => [
        entry(
          "Warning",
          `Aborted connection ${thread} to db: 'shop' user: 'app' host: '${host}' (${pick(random, ABORT_REASONS)})`,
        ),
      ],
    ],
    [4, () => [entry("Warning", `Access denied for user 'app'@'${host}' (using password: YES)`)]],
    [
      3,
      () => [
        entry(
          "Warning",
          `IP address '${unresolvedAddress(random)}' could not be resolved: Name or service not known`,
          0,
        ),
      ],
    ],
    [
      2,
      () => [
        entry(
          "Note",
          "Detected table cache mutex contention at instance 1: 31% waits. Additional table cache instance " +
            "activated. Number of instances after activation: 2.",
          0,
        ),
      ],
    ],
    [
      2,
      () => [
        entry(
          "Warning",
          `Aborted connection ${thread} to db: 'unconnected' user: 'unauthenticated' host: '${host}' ` +
            "(This connection closed normally without authentication)",
        ),
      ],
    ],
    [
      1,
      () => [
        entry(
          "ERROR",
          `mariadbd: Disk full (${tempFile}); waiting for someone to free some space... (errno: 28 "No space left on device")`,
        ),
        entry("ERROR", `mariadbd: Error writing file '${tempFile}' (Errcode: 28 "No space left on device")`),
      ],
    ],
  ])();
}
