/**
 * Times as people type or paste them into the viewer: a date, a time to the minute, second or
 * fraction, `T` or a space between, `/` or `-` in the date, and an optional zone (`Z`, `UTC`, `GMT`,
 * `+02:00`, `+0200`, `+02`). Without a zone the time is UTC, as the viewer says next to the field.
 */
const INPUT =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

const offsetMinutes = (zone: string | undefined): number => {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
};

/** ISO 8601 in UTC, without a zero fraction: `2026-12-01T10:00:00Z` (what `?t=` carries). */
export const toIsoUtc = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z");

/** The instant `text` names, as ISO 8601 UTC; null when it is not a real date and time. */
export function parseUtcTime(text: string): string | null {
  const match = INPUT.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "0", zone] = match;
  const parts = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = parts;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(local);
  // Date.UTC rolls 2026-02-30 over into March: a day or hour that does not exist is refused.
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    return null;
  if (Math.abs(offsetMinutes(zone)) > 14 * 60) return null;
  const ms = local + Math.floor(Number(`0.${fraction}`) * 1000) - offsetMinutes(zone) * 60_000;
  return toIsoUtc(ms);
}

/** `2026-12-01 10:00:00` (UTC, to the second): how the viewer shows a time; "" for an unreadable one. */
export function formatUtc(iso: string, precision: "second" | "minute" = "second"): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const text = new Date(ms).toISOString().replace("T", " ");
  return text.slice(0, precision === "minute" ? 16 : 19);
}

/** A span as short as it reads well: the date once when both ends share it. */
export function formatUtcSpan(startIso: string, endIso: string): string {
  const start = formatUtc(startIso);
  const end = formatUtc(endIso);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} – ${end}`;
}
