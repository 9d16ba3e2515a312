import { describe, expect, it } from "vitest";
import { appendRows, nearestRow, rowNear } from "./filter-rows";

const line = (number: number, match = true) => ({ line: number, text: `t${number}`, match });

describe("filter rows", () => {
  it("marks the lines left out between groups, also across batches", () => {
    let rows = appendRows([], [line(3), line(4, false)]);
    rows = appendRows(rows, [line(5), line(9)]);
    rows = appendRows(rows, [line(10)]);
    expect(rows.map((row) => (row.kind === "gap" ? `…${row.skipped}` : row.line))).toEqual([
      "…2",
      3,
      4,
      5,
      "…3",
      9,
      10,
    ]);
    expect(rowNear(rows, 6)).toBe(5);
    expect(rowNear(rows, 99)).toBe(6);
  });

  it("opens at the match nearest to a line, once no later match can be nearer", () => {
    const rows = appendRows(
      [],
      [10, 11, 40, 100].map((line) => ({ line, text: "", match: true })),
    );
    // rows: gap, 10, 11, gap, 40, gap, 100
    expect(nearestRow(rows, 30, false)).toBe(4); // 40 is nearer than 11
    expect(nearestRow(rows, 20, false)).toBe(2); // 11 is nearer than 40
    expect(nearestRow(rows, 1, false)).toBe(1);
    expect(nearestRow(rows, 500, false)).toBeNull(); // a nearer match may still come
    expect(nearestRow(rows, 500, true)).toBe(6);
    expect(nearestRow([], 5, true)).toBeNull();
  });
});
