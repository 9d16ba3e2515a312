import { describe, expect, it } from "vitest";
import { EMPTY_LIVE, LIVE_LINES_KEPT, mergeLive } from "./live-buffer";

describe("the live lines Follow shows", () => {
  it("appends what continues the buffer and drops lines once they are published", () => {
    let buffer = mergeLive(EMPTY_LIVE, { from: 10, to: 20, text: "one\nŁódź\n", skipped: false }, 10);
    buffer = mergeLive(buffer, { from: 20, to: 26, text: "three\n", skipped: false }, 10);
    expect(buffer.lines.map((line) => line.text)).toEqual(["one", "Łódź", "three"]);
    expect(buffer.lines.map((line) => line.at)).toEqual([10, 14, 20]);
    // The server published up to offset 20: "one" and "Łódź" now show as published lines.
    buffer = mergeLive(buffer, { from: 26, to: 26, text: "", skipped: false }, 20);
    expect(buffer.lines.map((line) => line.text)).toEqual(["three"]);
  });

  it("starts over when the read does not continue the buffer, and keeps a bounded number", () => {
    const many = Array.from({ length: LIVE_LINES_KEPT + 5 }, (_, index) => `l${index}\n`).join("");
    const buffer = mergeLive(
      { lines: [{ at: 0, text: "old" }], to: 4, skipped: false },
      { from: 100, to: 100 + many.length, text: many, skipped: true },
      0,
    );
    expect(buffer.lines).toHaveLength(LIVE_LINES_KEPT);
    expect(buffer.lines.at(-1)?.text).toBe(`l${LIVE_LINES_KEPT + 4}`);
    expect(buffer.skipped).toBe(true);
  });
});
