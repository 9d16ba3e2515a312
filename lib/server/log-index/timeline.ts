import "server-only";
import type { LogTimeline } from "@/lib/schemas/log-time";
import type { LogFormat } from "@/lib/log-format";
import type { PublishedLog } from "@/lib/server/log-reader/published-log";
import { readLogIndex, type LogTimeIndex, type TimedObject } from "./read-log-index";

/** A stretch of the log between two known times: its lines are spread evenly over it. */
interface Stretch {
  from: number;
  to: number;
  firstLine: number;
  lines: number;
  warnings: number;
  errors: number;
}

const warningsOf = (object: TimedObject) => object.severities.warning ?? 0;
const errorsOf = (object: TimedObject) => (object.severities.error ?? 0) + (object.severities.critical ?? 0);

/** An object's stretches: between its marks when it has them, else one from its first to its last time. */
function stretches(object: TimedObject): Stretch[] {
  const first = object.first!;
  const last = object.last ?? first;
  const base = object.newlinesBefore + 1;
  if (!object.marks.length) {
    return [
      {
        from: first,
        to: last,
        firstLine: base,
        lines: object.lines,
        warnings: warningsOf(object),
        errors: errorsOf(object),
      },
    ];
  }
  const result: Stretch[] = [];
  const [, firstMarkLine] = object.marks[0]!;
  let warnings = warningsOf(object);
  let errors = errorsOf(object);
  for (const [, , , w, e] of object.marks) {
    warnings -= w;
    errors -= e;
  }
  // Lines before the first mark (the end of an entry from the object before) and uncounted severities.
  result.push({ from: first, to: first, firstLine: base, lines: firstMarkLine, warnings, errors });
  object.marks.forEach(([, line, time, w, e], k) => {
    const next = object.marks[k + 1];
    const end = next ? next[1] : object.lines;
    result.push({
      from: time,
      to: Math.max(time, next ? next[2] : last),
      firstLine: base + line,
      lines: end - line,
      warnings: w,
      errors: e,
    });
  });
  return result;
}

/**
 * Timelines already built from an index, by bucket count. An unchanged log gets the same cached index
 * object, so its timeline is not built again (tens of ms for a GB log, with every viewer page). A few
 * counts per index at most: any count can be asked for, and none may grow the memory without bound.
 */
const built = new WeakMap<LogTimeIndex, Map<number, LogTimeline>>();
const COUNTS_KEPT = 4;

/**
 * The whole log's volume over time in `count` equal buckets, from the publish-time index alone (no
 * log bytes are read for indexed objects). Lines are spread evenly between two known times; warnings
 * and errors are placed where their stretch starts.
 */
export async function buildTimeline(
  log: PublishedLog,
  format: LogFormat,
  count: number,
): Promise<LogTimeline> {
  const index = await readLogIndex(log, format);
  const known = built.get(index) ?? new Map<number, LogTimeline>();
  built.set(index, known);
  const cached = known.get(count);
  if (cached) return cached;
  const timeline = timelineOf(index, count);
  if (known.size < COUNTS_KEPT) known.set(count, timeline);
  return timeline;
}

function timelineOf(index: LogTimeIndex, count: number): LogTimeline {
  const timed = index.objects.filter((object) => object.first !== undefined);
  const unindexed = index.objects.filter((object) => object.source === "estimate").length;
  const base = { total_lines: index.totalLines, size: index.size, unindexed_objects: unindexed };
  if (!timed.length) return { ...base, first_time: null, last_time: null, buckets: [] };
  let start = Infinity;
  let end = -Infinity;
  for (const object of timed) {
    start = Math.min(start, object.first!);
    end = Math.max(end, object.last ?? object.first!);
  }
  const buckets = end > start ? count : 1;
  const width = Math.max(1, (end - start) / buckets);
  const lines = new Array<number>(buckets).fill(0);
  const warnings = new Array<number>(buckets).fill(0);
  const errors = new Array<number>(buckets).fill(0);
  const firstLines = new Array<number>(buckets).fill(Infinity);
  const bucketOf = (time: number) => Math.min(buckets - 1, Math.max(0, Math.floor((time - start) / width)));
  for (const object of timed) {
    for (const stretch of stretches(object)) {
      const at = bucketOf(stretch.from);
      warnings[at] = warnings[at]! + stretch.warnings;
      errors[at] = errors[at]! + stretch.errors;
      const span = stretch.to - stretch.from;
      const [a, b] = [bucketOf(stretch.from), bucketOf(stretch.to)];
      for (let k = a; k <= b; k += 1) {
        const share =
          span > 0
            ? (Math.min(stretch.to, start + (k + 1) * width) - Math.max(stretch.from, start + k * width)) /
              span
            : 1;
        if (share <= 0 && a !== b) continue;
        const offset = span > 0 ? Math.max(0, (start + k * width - stretch.from) / span) : 0;
        lines[k] = lines[k]! + stretch.lines * Math.max(share, 0);
        firstLines[k] = Math.min(firstLines[k]!, stretch.firstLine + Math.floor(offset * stretch.lines));
      }
    }
  }
  let following = Math.max(1, index.totalLines);
  for (let k = buckets - 1; k >= 0; k -= 1) {
    if (firstLines[k] === Infinity) firstLines[k] = following;
    following = firstLines[k]!;
  }
  return {
    ...base,
    first_time: new Date(start).toISOString(),
    last_time: new Date(end).toISOString(),
    buckets: Array.from({ length: buckets }, (_, k) => ({
      start: new Date(start + k * width).toISOString(),
      end: new Date(k === buckets - 1 ? end : start + (k + 1) * width).toISOString(),
      first_line: firstLines[k]!,
      lines: Math.round(lines[k]!),
      warnings: Math.round(warnings[k]!),
      errors: Math.round(errors[k]!),
    })),
  };
}
