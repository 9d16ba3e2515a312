import "server-only";
import type { DatastoreType } from "@/lib/schemas/instance";
import { heartbeatRecords, startupRecords, type GuestRecord } from "./guest-agent-events";
import { requestRecords } from "./guest-agent-requests";
import { eventInstants, Timeline, type LogGenerator } from "./log-generator";
import { osloTimestamp } from "./log-time";
import { randFloat, randInt, type Random } from "./random-source";

/** The demo agent checks the datastore every ~15 s and serves a request every ~40 s. */
const HEARTBEATS_PER_SECOND = 1 / 15;
const REQUESTS_PER_SECOND = 1 / 40;

const DEFAULT_VERSIONS: Record<DatastoreType, string> = {
  mysql: "8.0.36",
  mariadb: "10.11.6",
  postgresql: "15.6",
};

/**
 * The Trove guest agent's own log in oslo.log's default format:
 * `<time> <pid> <LEVEL> <logger> [<context>] <message>`; DEBUG records add their origin, and a
 * traceback repeats the record's prefix on every line, as oslo.log does.
 */
export function guestAgentLog(
  random: Random,
  options: { instanceId?: string; datastore?: DatastoreType; version?: string } = {},
): LogGenerator {
  const ctx = {
    instanceId: options.instanceId ?? "00000000-0000-4000-8000-000000000000",
    datastore: options.datastore ?? "mysql",
  };
  const version = options.version ?? DEFAULT_VERSIONS[ctx.datastore];
  const timeline = new Timeline();
  let pid = randInt(random, 700, 3000);

  const format = (instant: number, record: GuestRecord): string => {
    const time = osloTimestamp(instant);
    const context = record.request === "-" ? "[-]" : `[${record.request} - - - - -]`;
    const origin = record.origin ? ` ${record.origin[0]} ${record.origin[1]}:${record.origin[2]}` : "";
    let text = `${time} ${pid} ${record.level} ${record.logger} ${context} ${record.message}${origin}\n`;
    for (const line of record.traceback ?? []) text += `${time} ${pid} ERROR ${record.logger} ${line}\n`;
    if (record.traceback) text += `${time} ${pid} ERROR ${record.logger} \n`;
    return text;
  };

  const write = (records: GuestRecord[], instant: number): string => {
    let at = timeline.at(instant);
    let text = "";
    for (const record of records) {
      text += format(at, record);
      at = timeline.after(randFloat(random, 0.2, 40));
    }
    return text;
  };

  return {
    header(atMs) {
      pid = randInt(random, 700, 3000);
      return write(startupRecords(random, ctx, version), atMs - 1500);
    },
    burst(fromMs, toMs) {
      const events = [
        ...eventInstants(random, HEARTBEATS_PER_SECOND, fromMs, toMs).map((at) => [at, 0] as const),
        ...eventInstants(random, REQUESTS_PER_SECOND, fromMs, toMs).map((at) => [at, 1] as const),
      ].sort((a, b) => a[0] - b[0]);
      let text = "";
      for (const [at, kind] of events) {
        text += write(kind === 0 ? heartbeatRecords(ctx) : requestRecords(random, ctx, at), at);
      }
      return text;
    },
  };
}
