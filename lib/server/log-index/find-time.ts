import "server-only";
import type { LogTimeJump } from "@/lib/schemas/log-time";
import { lineTime, startsEntry, type LogFormat } from "@/lib/log-format";
import { readRange, type PublishedLog } from "@/lib/server/log-reader/published-log";
import { readLogIndex, type TimedObject } from "./read-log-index";

/** Times sit in a line's first bytes. */
const HEAD_BYTES = 400;

interface Found {
  line: number;
  time: number;
}

/** First object whose last time is at or after `at` (binary search; objects without times are skipped). */
function firstReaching(objects: TimedObject[], at: number): number {
  const timed = objects.map((object, i) => ({ object, i })).filter(({ object }) => object.last !== undefined);
  let low = 0;
  let high = timed.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (timed[middle]!.object.last! < at) low = middle + 1;
    else high = middle;
  }
  return low < timed.length ? timed[low]!.i : -1;
}

/**
 * The bytes to read in an indexed object: from the last mark before `at` (an entry start, so no entry
 * is cut) to the first mark at or after it, whose line is the answer if nothing before it is.
 */
function window(object: TimedObject, at: number) {
  let from = { byte: 0, line: 0 };
  let to: { byte: number; line: number; time: number } | undefined;
  for (const [byte, line, time] of object.marks) {
    if (time < at) from = { byte, line };
    else {
      to = { byte, line, time };
      break;
    }
  }
  return { from, to };
}

/** Lines of bytes [from, to) of an object: the first whose own time reaches `at`, moved back to its entry's start. */
async function scan(
  log: PublishedLog,
  format: LogFormat,
  object: TimedObject,
  from: { byte: number; line: number },
  toByte: number,
  at: number,
): Promise<Found | undefined> {
  if (toByte <= from.byte) return undefined;
  const bytes = await readRange(log, object.name, from.byte, toByte - 1);
  let start = 0;
  let line = from.line;
  let entryLine = line;
  let previous: string | undefined;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    const text = bytes.toString("utf8", start, Math.min(end, start + HEAD_BYTES)).replace(/\r$/, "");
    if (startsEntry(format, text, previous)) entryLine = line;
    const time = lineTime(format, text);
    if (time !== undefined && time >= at) return { line: object.newlinesBefore + entryLine + 1, time };
    if (newline === -1) break;
    previous = text;
    line += 1;
    start = newline + 1;
  }
  return undefined;
}

/**
 * Where the log reaches `at`: a binary search over the objects' publish-time summaries, then one
 * range read inside one object (between two of its marks; the whole object only when it was published
 * without an index). Clocks that step back are tolerated: the answer is the first line at or after
 * `at` within the first object whose last time reaches it.
 */
export async function findTime(log: PublishedLog, format: LogFormat, at: number): Promise<LogTimeJump> {
  const index = await readLogIndex(log, format);
  const total = index.totalLines;
  if (!index.objects.some((object) => object.first !== undefined))
    return { line: null, time: null, total_lines: total };
  // Past the end, `time` says when the log ends (so the reader hears "ends before", not "no times").
  const lastTimes = index.objects.flatMap((object) => (object.last === undefined ? [] : [object.last]));
  const pastTheEnd = { line: null, time: new Date(Math.max(...lastTimes)).toISOString(), total_lines: total };
  const first = firstReaching(index.objects, at);
  if (first === -1) return pastTheEnd;
  for (let i = first; i < index.objects.length; i += 1) {
    const object = index.objects[i]!;
    if (object.last === undefined) continue;
    const { from, to } = object.marks.length
      ? window(object, at)
      : { from: { byte: 0, line: 0 }, to: undefined };
    const found = await scan(log, format, object, from, to?.byte ?? object.bytes, at);
    if (found) return { line: found.line, time: new Date(found.time).toISOString(), total_lines: total };
    if (to) {
      return {
        line: object.newlinesBefore + to.line + 1,
        time: new Date(to.time).toISOString(),
        total_lines: total,
      };
    }
  }
  return pastTheEnd;
}
