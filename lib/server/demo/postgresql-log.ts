import "server-only";
import { eventInstants, Timeline, type LogGenerator } from "./log-generator";
import { postgresTimestamp } from "./log-time";
import { postgresEvent, type PgEntry } from "./postgresql-events";
import { chance, randFloat, randInt, type Random } from "./random-source";

/** Statements per second with log_statement = 'all'; each is one to eight lines. */
const EVENTS_PER_SECOND = 10;
/** checkpoint_timeout is five minutes. */
const CHECKPOINTS_PER_SECOND = 1 / 300;

/** `2026-11-25 14:03:12 UTC`, as "database system was shut down at …" prints it. */
function shutdownTime(instant: number): string {
  return postgresTimestamp(instant).replace(/\.\d{3} /, " ");
}

/**
 * PostgreSQL 15's server log as Trove configures it (logging_collector on, log_statement = 'all',
 * log_min_duration_statement = 1000 ms, default log_line_prefix '%m [%p] ').
 */
export function postgresqlLog(random: Random, version = "15.6"): LogGenerator {
  const timeline = new Timeline();
  const startupPid = randInt(random, 20, 30);
  const checkpointerPid = startupPid - randInt(random, 1, 3);
  let nextPid = randInt(random, 60, 200);
  const pool: number[] = [];
  while (pool.length < 5) pool.push(nextPid++);
  /** Entries logged when something finishes (a long statement, a session, a checkpoint), by instant. */
  const pending: Array<[number, PgEntry]> = [];

  const format = (instant: number, [pid, level, message]: PgEntry): string =>
    `${postgresTimestamp(instant)} [${pid}] ${level}:  ${message.replace(/\n/g, "\n\t")}\n`;

  const later = (instant: number, entry: PgEntry) => {
    pending.push([instant, entry]);
    pending.sort((a, b) => a[0] - b[0]);
  };

  /** Writes what finished before `instant`. */
  const flush = (instant: number): string => {
    let text = "";
    while (pending.length > 0 && (pending[0] as [number, PgEntry])[0] <= instant) {
      const [at, entry] = pending.shift() as [number, PgEntry];
      text += format(timeline.at(at), entry);
    }
    return text;
  };

  const checkpointComplete = (): string => {
    const buffers = randInt(random, 3, 900);
    const write = randFloat(random, 0.2, 26.9);
    const sync = randFloat(random, 0.001, 0.09);
    const distance = randInt(random, 20, 4000);
    return (
      `checkpoint complete: wrote ${buffers} buffers (${((buffers / 16384) * 100).toFixed(1)}%); ` +
      `0 WAL file(s) added, 0 removed, ${randInt(random, 0, 2)} recycled; ` +
      `write=${write.toFixed(3)} s, sync=${sync.toFixed(3)} s, total=${(write + sync + 0.004).toFixed(3)} s; ` +
      `sync files=${randInt(random, 2, 40)}, longest=${(sync / 2).toFixed(3)} s, average=${(sync / 6).toFixed(3)} s; ` +
      `distance=${distance} kB, estimate=${distance + randInt(random, 0, 600)} kB`
    );
  };

  const checkpoint = (instant: number): string => {
    const text = flush(instant);
    const startedAt = timeline.at(instant);
    later(startedAt + randFloat(random, 300, 27_000), [checkpointerPid, "LOG", checkpointComplete()]);
    return text + format(startedAt, [checkpointerPid, "LOG", "checkpoint starting: time"]);
  };

  const event = (instant: number): string => {
    if (chance(random, 0.01)) pool[randInt(random, 0, pool.length - 1)] = nextPid++;
    let text = flush(instant);
    let at = timeline.at(instant);
    let deferred = false;
    for (const entry of postgresEvent(random, { pool, newPid: () => nextPid++ })) {
      if (entry[3] !== undefined) {
        at += entry[3];
        deferred = true;
      }
      if (deferred) {
        later(at, entry);
        at += 0.05;
        continue;
      }
      text += format(at, entry);
      at = timeline.after(entry[2].startsWith("statement") ? randFloat(random, 0.2, 30) : 0.05);
    }
    return text;
  };

  return {
    header(atMs) {
      const entries: PgEntry[] = [
        [
          1,
          "LOG",
          `starting PostgreSQL ${version} (Debian ${version}-1.pgdg120+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
        ],
        [1, "LOG", 'listening on IPv4 address "0.0.0.0", port 5432'],
        [1, "LOG", 'listening on IPv6 address "::", port 5432'],
        [1, "LOG", 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'],
        [
          startupPid,
          "LOG",
          `database system was shut down at ${shutdownTime(atMs - randInt(random, 4000, 60_000))}`,
        ],
        [1, "LOG", "database system is ready to accept connections"],
      ];
      let at = timeline.at(atMs - 500);
      let text = "";
      for (const entry of entries) {
        text += format(at, entry);
        at = timeline.after(randFloat(random, 0.1, 40));
      }
      return text;
    },
    burst(fromMs, toMs) {
      const events = [
        ...eventInstants(random, CHECKPOINTS_PER_SECOND, fromMs, toMs).map((at) => [at, checkpoint] as const),
        ...eventInstants(random, EVENTS_PER_SECOND, fromMs, toMs).map((at) => [at, event] as const),
      ].sort((a, b) => a[0] - b[0]);
      let text = "";
      for (const [at, run] of events) text += run(at);
      return text + flush(toMs);
    },
  };
}
