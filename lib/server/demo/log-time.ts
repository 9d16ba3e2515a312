import "server-only";

// Timestamp shapes of the logs we imitate. Instants are milliseconds since the epoch and may
// carry a fraction: the digits below the millisecond become the microseconds MySQL prints.
// Every datastore in the demo runs in UTC, as Trove's containers do.

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

function parts(instant: number) {
  const date = new Date(Math.floor(instant));
  return {
    year: date.getUTCFullYear(),
    month: pad(date.getUTCMonth() + 1),
    day: pad(date.getUTCDate()),
    hour: date.getUTCHours(),
    minute: pad(date.getUTCMinutes()),
    second: pad(date.getUTCSeconds()),
    millis: pad(date.getUTCMilliseconds(), 3),
    micros: pad(Math.floor((instant - Math.floor(instant / 1000) * 1000) * 1000) % 1_000_000, 6),
  };
}

/** MySQL 8 (log_timestamps=UTC): `2026-11-25T14:03:12.123456Z`. */
export function mysqlTimestamp(instant: number): string {
  const p = parts(instant);
  return `${p.year}-${p.month}-${p.day}T${pad(p.hour)}:${p.minute}:${p.second}.${p.micros}Z`;
}

/** MariaDB's general and slow log: `261125 14:03:12` (two-digit year, space-padded hour). */
export function mariadbShortTimestamp(instant: number): string {
  const p = parts(instant);
  return `${String(p.year).slice(-2)}${p.month}${p.day} ${String(p.hour).padStart(2, " ")}:${p.minute}:${p.second}`;
}

/** MariaDB's error log: `2026-11-25 14:03:12`. */
export function mariadbErrorTimestamp(instant: number): string {
  const p = parts(instant);
  return `${p.year}-${p.month}-${p.day} ${pad(p.hour)}:${p.minute}:${p.second}`;
}

/** PostgreSQL `%m`: `2026-11-25 14:03:12.123 UTC`. */
export function postgresTimestamp(instant: number): string {
  return `${osloTimestamp(instant)} UTC`;
}

/** oslo.log `%(asctime)s.%(msecs)03d`: `2026-11-25 14:03:12.123`. */
export function osloTimestamp(instant: number): string {
  const p = parts(instant);
  return `${p.year}-${p.month}-${p.day} ${pad(p.hour)}:${p.minute}:${p.second}.${p.millis}`;
}

/** Whole seconds since the epoch, as MySQL's `SET timestamp=…;`. */
export function unixSeconds(instant: number): number {
  return Math.floor(instant / 1000);
}
