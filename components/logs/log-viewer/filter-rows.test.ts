import { describe, expect, it } from "vitest";
import { appendRows, rowNear } from "./filter-rows";

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
});
