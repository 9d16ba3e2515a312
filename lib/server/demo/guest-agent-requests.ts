import "server-only";
import type { DatastoreType } from "@/lib/schemas/instance";
import { datastorePackage, SITE, type GuestContext, type GuestRecord } from "./guest-agent-events";
import { pick, randInt, uuid, weighted, type Random } from "./random-source";

const MANAGER = "trove.guestagent.datastore.manager";
const GUEST_LOG = "trove.guestagent.guest_log";

function userLogs(datastore: DatastoreType): string[] {
  return datastore === "postgresql" ? ["general"] : ["general", "slow_query"];
}

/** Where Trove puts a USER log inside the guest (§2.11 of the reference). */
function userLogFile(datastore: DatastoreType, log: string): string {
  return datastore === "postgresql"
    ? `/var/lib/postgresql/data/pgdata/postgresql-${log}.log`
    : `/var/lib/mysql/data/${datastore}-${log}.log`;
}

/** A swift publish failure, logged with its traceback. */
function publishFailure(request: string, log: string, object: string): GuestRecord {
  return {
    level: "ERROR",
    logger: MANAGER,
    request,
    message: `Failed to publish guest log '${log}': Object PUT failed: 503 Service Unavailable`,
    traceback: [
      "Traceback (most recent call last):",
      `  File "${SITE}/trove/guestagent/datastore/manager.py", line 611, in guest_log_action`,
      "    return log.publish_log()",
      `  File "${SITE}/trove/guestagent/guest_log.py", line 307, in publish_log`,
      "    self._publish_to_container(self._file)",
      `  File "${SITE}/swiftclient/client.py", line 1999, in put_object`,
      "    raise ClientException.from_response(resp, 'Object PUT failed', body)",
      "swiftclient.exceptions.ClientException: Object PUT failed: " +
        `https://swift.example.com/v1/AUTH_demo/database_logs/${object} 503 Service Unavailable`,
    ],
  };
}

/** A guest-log request arriving over RPC (list, publish, enable, discard), now and then a failure. */
export function requestRecords(random: Random, ctx: GuestContext, atMs: number): GuestRecord[] {
  const request = `req-${uuid(random)}`;
  const log = pick(random, [...userLogs(ctx.datastore), "guest"]);
  const prefix = `${ctx.instanceId}/${ctx.datastore}-${log}/`;
  // Trove names each uploaded piece `log-<naive UTC time with microseconds>`.
  const time = new Date(Math.floor(atMs)).toISOString().slice(0, 19);
  const object = `${prefix}log-${time}.${String(randInt(random, 0, 999_999)).padStart(6, "0")}`;
  const at = (level: GuestRecord["level"], logger: string, message: string, origin?: GuestRecord["origin"]) =>
    ({ level, logger, request, message, origin }) satisfies GuestRecord;
  const size = randInt(random, 1_000, 9_000_000);

  return weighted<() => GuestRecord[]>(random, [
    [
      5,
      () => [
        at("INFO", MANAGER, "Getting list of guest logs."),
        at("DEBUG", GUEST_LOG, `Log '${log}' size ${size}, published ${randInt(random, 0, size)} bytes`, [
          "_update_details",
          `${SITE}/trove/guestagent/guest_log.py`,
          248,
        ]),
      ],
    ],
    [
      4,
      () => [
        at("INFO", MANAGER, `Processing guest log '${log}': publish.`),
        at(
          "DEBUG",
          GUEST_LOG,
          `Uploading ${randInt(random, 2, 4000)} KiB to container 'database_logs' as ${object}`,
          ["_publish_to_container", `${SITE}/trove/guestagent/guest_log.py`, 321],
        ),
        at("INFO", GUEST_LOG, `Published log '${log}'; metafile ${prefix.slice(0, -1)}_metafile updated.`),
      ],
    ],
    [
      2,
      () => [
        at("INFO", MANAGER, `Enabling guest log '${log}'.`),
        at(
          "INFO",
          `trove.guestagent.datastore.${ctx.datastore === "postgresql" ? datastorePackage(ctx.datastore) : "mysql_common"}.service`,
          "Applying configuration overrides.",
        ),
      ],
    ],
    [1, () => [at("INFO", MANAGER, `Processing guest log '${log}': discard.`)]],
    [
      1,
      () => [
        at(
          "WARNING",
          GUEST_LOG,
          `File ${userLogFile(ctx.datastore, pick(random, userLogs(ctx.datastore)))} does not exist; nothing to publish.`,
        ),
      ],
    ],
    [1, () => [publishFailure(request, log, object)]],
  ])();
}
