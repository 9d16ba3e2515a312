import { describe, expect, it } from "vitest";
import {
  barHeights,
  bucketAt,
  bucketsOnScreen,
  describeBucket,
  describeSpan,
  lineOfBucket,
  type TimelineBucket,
} from "./timeline-geometry";

const bucket = (minute: number, first_line: number, lines: number, errors = 0, warnings = 0) => ({
  start: `2026-12-01T10:0${minute}:00Z`,
  end: `2026-12-01T10:0${minute + 1}:00Z`,
  first_line,
  lines,
  warnings,
  errors,
});

// Lines 1-100, 101-150, a quiet minute, 151-400.
const buckets: TimelineBucket[] = [
  bucket(0, 1, 100),
  bucket(1, 101, 50, 2),
  bucket(2, 151, 0),
  bucket(3, 151, 250, 0, 1),
];

describe("timeline geometry", () => {
  it("maps the lines on screen to the buckets they fall in", () => {
    expect(bucketsOnScreen(buckets, 90, 120)).toEqual({ from: 0, to: 1 });
    expect(bucketsOnScreen(buckets, 140, 160)).toEqual({ from: 1, to: 3 });
    expect(bucketsOnScreen(buckets, 151, 151)).toEqual({ from: 3, to: 3 });
    expect(bucketsOnScreen(buckets, 380, 420)).toEqual({ from: 3, to: 3 }); // lines published since
    expect(bucketsOnScreen(buckets, 0, 0)).toBeNull();
    expect(bucketsOnScreen([], 1, 10)).toBeNull();
  });

  it("finds the bucket under the pointer, clamped to the track", () => {
    expect(bucketAt(0, 400, 4)).toBe(0);
    expect(bucketAt(199, 400, 4)).toBe(1);
    expect(bucketAt(400, 400, 4)).toBe(3);
    expect(bucketAt(-20, 400, 4)).toBe(0);
    expect(bucketAt(10, 0, 4)).toBe(0);
  });

  it("goes to a bucket's first line, or past a quiet gap to the next lines", () => {
    expect(lineOfBucket(buckets, 1)).toBe(101);
    expect(lineOfBucket(buckets, 2)).toBe(151);
    expect(lineOfBucket([bucket(0, 1, 10), bucket(1, 11, 0)], 1)).toBe(1);
    expect(lineOfBucket([bucket(0, 1, 0)], 0)).toBeNull();
  });

  it("scales bars to the busiest bucket and keeps small ones visible", () => {
    expect(barHeights(buckets)).toEqual([40, 20, 0, 100]);
    expect(barHeights([bucket(0, 1, 1), bucket(1, 2, 1000)])[0]).toBe(4);
  });

  it("describes a bucket and a dragged span with times in UTC and counts", () => {
    expect(describeBucket(buckets[1] as TimelineBucket)).toBe(
      "2026-12-01 10:01:00–10:02:00 UTC · 50 lines · 2 errors",
    );
    expect(describeBucket(bucket(0, 1, 1, 0, 3))).toBe(
      "2026-12-01 10:00:00–10:01:00 UTC · 1 line · 3 warnings",
    );
    expect(describeSpan(buckets, { from: 1, to: 3 })).toBe("2026-12-01 10:01:00–10:04:00 UTC · 300 lines");
  });
});
