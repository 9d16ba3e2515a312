/**
 * Reading the timestamps at the start of log lines into epoch milliseconds (UTC). Times written
 * without a zone (MariaDB, oslo: the server's local time) are read as if they were UTC: they then
 * compare and display exactly as written.
 */

/** `2026-11-30T10:00:00.123456Z`, `2026-11-30 10:00:00`, with optional fraction and zone (`Z`, `+01:00`). */
const ISO_LIKE = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(Z|[+-]\d\d:?\d\d)?/;
/** MariaDB's `201130 10:00:00` (also ` 1:02:03` with a space-padded hour in old servers). */
const MARIADB_SHORT = /^(\d\d)(\d\d)(\d\d) ([ \d]\d):(\d\d):(\d\d)/;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, fraction = ""): number {
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000 + 1e-6) : 0;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/** Minutes east of UTC for `+01:00`, `-0530`, `+01`. */
function offsetMinutes(zone: string): number | undefined {
  const match = /^([+-])(\d\d):?(\d\d)?$/.exec(zone);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

const valid = (ms: number) => (Number.isFinite(ms) ? ms : undefined);

/** An ISO-like time at the start of `text`, and how many characters it took. */
export function isoLikeAt(text: string): { ms: number; length: number } | undefined {
  const m = ISO_LIKE.exec(text);
  if (!m) return undefined;
  let ms = utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, m[7]);
  if (m[8] && m[8] !== "Z") ms -= (offsetMinutes(m[8]) ?? 0) * 60_000;
  const parsed = valid(ms);
  return parsed === undefined ? undefined : { ms: parsed, length: m[0].length };
}

export function mariadbShortAt(text: string): { ms: number; length: number } | undefined {
  const m = MARIADB_SHORT.exec(text);
  if (!m) return undefined;
  const ms = valid(utc(2000 + +m[1]!, +m[2]!, +m[3]!, +m[4]!.trim(), +m[5]!, +m[6]!));
  return ms === undefined ? undefined : { ms, length: m[0].length };
}

/** Zone abbreviations PostgreSQL's `log_timezone` commonly prints, in minutes east of UTC. */
const ZONE_ABBREVIATIONS: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  UCT: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  IST: 330,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

/**
 * PostgreSQL's `%m` / `%t`: `2026-11-30 10:00:00.123 UTC` (zone: an abbreviation or an offset).
 * An unknown abbreviation is read as UTC, like a time without zone.
 */
export function postgresTimeAt(text: string): { ms: number; length: number } | undefined {
  const stamp = isoLikeAt(text);
  if (!stamp) return undefined;
  const zone = /^ ([A-Za-z]{1,6}|[+-]\d\d(?::?\d\d)?)(?=[\s\]]|$)/.exec(text.slice(stamp.length));
  if (!zone) return stamp;
  const minutes = ZONE_ABBREVIATIONS[zone[1]!.toUpperCase()] ?? offsetMinutes(zone[1]!) ?? 0;
  return { ms: stamp.ms - minutes * 60_000, length: stamp.length + zone[0].length };
}

/** PostgreSQL's `%n`: epoch seconds with milliseconds. */
export function epochSecondsAt(text: string): { ms: number; length: number } | undefined {
  const m = /^(\d{9,11})(?:\.(\d{1,6}))?(?=\s)/.exec(text);
  if (!m) return undefined;
  return { ms: Number(m[1]) * 1000 + Math.floor(Number(`0.${m[2] ?? 0}`) * 1000), length: m[0].length };
}
