import type { LogTimeline } from "@/lib/schemas/log-time";
import { formatUtcSpan } from "@/lib/api/utc-time";

export type TimelineBucket = LogTimeline["buckets"][number];

/** A run of buckets, both ends included. */
export interface BucketSpan {
  from: number;
  to: number;
}

/** The bucket holding `line`: the last non-empty bucket starting at or before it (buckets are in line order). */
export function bucketOfLine(buckets: readonly TimelineBucket[], line: number): number | null {
  let found: number | null = null;
  buckets.forEach((bucket, index) => {
    if (bucket.lines > 0 && bucket.first_line <= line) found = index;
  });
  if (found !== null) return found;
  const firstFull = buckets.findIndex((bucket) => bucket.lines > 0);
  return firstFull >= 0 ? firstFull : null;
}

/** The buckets the lines `first`…`last` on screen fall in (null before the list reported any). */
export function bucketsOnScreen(
  buckets: readonly TimelineBucket[],
  first: number,
  last: number,
): BucketSpan | null {
  if (first < 1 || last < first) return null;
  const from = bucketOfLine(buckets, first);
  const to = bucketOfLine(buckets, last);
  return from === null || to === null ? null : { from, to: Math.max(from, to) };
}

/** Which bucket a pointer at `x` (px from the track's left edge, of `width`) is over. */
export function bucketAt(x: number, width: number, count: number): number {
  if (count <= 0 || width <= 0) return 0;
  return Math.min(count - 1, Math.max(0, Math.floor((x / width) * count)));
}

/** Where going to a bucket lands: its first line, or the next bucket's that has lines (a quiet gap). */
export function lineOfBucket(buckets: readonly TimelineBucket[], index: number): number | null {
  for (let i = Math.max(0, index); i < buckets.length; i++)
    if ((buckets[i] as TimelineBucket).lines > 0) return (buckets[i] as TimelineBucket).first_line;
  for (let i = Math.min(index, buckets.length - 1); i >= 0; i--)
    if ((buckets[i] as TimelineBucket).lines > 0) return (buckets[i] as TimelineBucket).first_line;
  return null;
}

/** Bar heights in percent of the tallest bucket; any bucket with lines stays visible. */
export function barHeights(buckets: readonly TimelineBucket[]): number[] {
  const max = Math.max(1, ...buckets.map((bucket) => bucket.lines));
  return buckets.map((bucket) => (bucket.lines > 0 ? Math.max(4, (bucket.lines / max) * 100) : 0));
}

const count = (value: number, one: string, many = `${one}s`) =>
  `${value.toLocaleString("en-US")} ${value === 1 ? one : many}`;

/** What a bucket holds, for its tooltip and the screen reader: `2026-12-01 10:00:00–10:01:00 UTC · 1,204 lines · 3 errors`. */
export function describeBucket(bucket: TimelineBucket): string {
  const parts = [`${formatUtcSpan(bucket.start, bucket.end)} UTC`, count(bucket.lines, "line")];
  if (bucket.errors > 0) parts.push(count(bucket.errors, "error"));
  if (bucket.warnings > 0) parts.push(count(bucket.warnings, "warning"));
  return parts.join(" · ");
}

/** A dragged run of buckets, for the readout: from the first one's start to the last one's end. */
export function describeSpan(buckets: readonly TimelineBucket[], span: BucketSpan): string {
  const first = buckets[span.from];
  const last = buckets[span.to];
  if (!first || !last) return "";
  const lines = buckets.slice(span.from, span.to + 1).reduce((sum, bucket) => sum + bucket.lines, 0);
  return `${formatUtcSpan(first.start, last.end)} UTC · ${count(lines, "line")}`;
}
