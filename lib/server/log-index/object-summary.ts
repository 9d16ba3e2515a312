import type { Severity } from "@/lib/schemas/log-time";
import { lineSeverity, lineTime, startsEntry, type LogFormat } from "@/lib/log-format";

/**
 * A place in an object where an entry with its own time starts: the time search reads from the last
 * mark before an instant to the first one after it, not the whole object.
 */
export interface TimeMark {
  /** Byte offset in the object of the line's first byte. */
  byte: number;
  /** Line ends in the object before that line. */
  line: number;
  time: number;
  /** Warnings and errors (error + critical) counted from this mark to the next: the timeline's marks. */
  warnings: number;
  errors: number;
}

/** What the time search and the timeline need to know about one object, computed when it is published. */
export interface ObjectSummary {
  /** Line ends (\n) in the object. */
  lines: number;
  /** First and last times written in the object (epoch ms), when it has any. */
  first?: number;
  last?: number;
  /** Entries per stated severity. */
  severities: Partial<Record<Severity, number>>;
  marks: TimeMark[];
}

/** One mark per this many bytes: 8 per 1 MB object keeps a 1 GB log's index near 200 KB. */
export const MARK_SPACING = 128 * 1024;
/** Small objects still get ~16 marks, so the timeline of a small log is not one flat block. */
const MIN_MARKS = 16;
const MIN_SPACING = 1024;
/** Warnings and errors get a mark of their own (up to this many per object): the timeline places them exactly. */
const MAX_MARKS = 256;
/** Times and severities sit in a line's first bytes; longer lines are never decoded whole. */
const HEAD_BYTES = 400;

const HAS_SEVERITIES: ReadonlySet<LogFormat> = new Set(["mysql-error", "postgresql", "oslo"]);

const head = (body: Uint8Array, start: number, end: number) =>
  Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString(
    "utf8",
    start,
    Math.min(end, start + HEAD_BYTES),
  );

/**
 * Summarises an object's bytes in one pass over the buffer that is about to be uploaded (no second
 * read of the log). Only line heads are decoded, and for logs without severities (general, slow) only
 * around the marks and at both ends.
 */
export function summarizeObject(format: LogFormat, body: Uint8Array): ObjectSummary {
  const summary: ObjectSummary = { lines: 0, severities: {}, marks: [] };
  const everyLine = HAS_SEVERITIES.has(format);
  const spacing = Math.max(MIN_SPACING, Math.min(MARK_SPACING, Math.ceil(body.length / MIN_MARKS)));
  let nextMarkAt = 0;
  let previous: string | undefined;
  let start = 0;
  let line = 0;
  while (start < body.length) {
    const newline = body.indexOf(0x0a, start);
    const end = newline === -1 ? body.length : newline;
    if (everyLine || start >= nextMarkAt || summary.first === undefined) {
      const text = head(body, start, end);
      const entry = startsEntry(format, text, previous);
      const time = lineTime(format, text);
      const severity = everyLine && entry ? lineSeverity(format, text) : undefined;
      const notable = severity === "warning" || severity === "error" || severity === "critical";
      if (time !== undefined) {
        summary.first ??= time;
        if (entry && (start >= nextMarkAt || (notable && summary.marks.length < MAX_MARKS))) {
          summary.marks.push({ byte: start, line, time, warnings: 0, errors: 0 });
          nextMarkAt = (Math.floor(start / spacing) + 1) * spacing;
        }
      }
      countSeverity(summary, severity);
      previous = text;
    } else previous = undefined;
    if (newline === -1) break;
    line += 1;
    start = newline + 1;
  }
  summary.lines = line;
  summary.last = lastTime(format, body);
  return summary;
}

function countSeverity(summary: ObjectSummary, severity: Severity | undefined): void {
  if (!severity) return;
  summary.severities[severity] = (summary.severities[severity] ?? 0) + 1;
  const mark = summary.marks.at(-1);
  if (!mark) return;
  if (severity === "warning") mark.warnings += 1;
  else if (severity === "error" || severity === "critical") mark.errors += 1;
}

/**
 * The last time of the object: the latest time in its last entry that states one, lines read backwards
 * from its end (a slow-log entry's `SET timestamp` is its query's start, before its `# Time:` header).
 */
function lastTime(format: LogFormat, body: Uint8Array): number | undefined {
  let end = body.length;
  if (end > 0 && body[end - 1] === 0x0a) end -= 1;
  let latest: number | undefined;
  while (end >= 0) {
    const start = end === 0 ? 0 : body.lastIndexOf(0x0a, end - 1) + 1;
    const text = head(body, start, end);
    const time = lineTime(format, text);
    if (time !== undefined) {
      latest = Math.max(latest ?? time, time);
      if (startsEntry(format, text)) return latest;
    }
    if (start === 0) return latest;
    end = start - 1;
  }
  return latest;
}
