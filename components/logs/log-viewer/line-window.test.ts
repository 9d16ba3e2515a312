import { describe, expect, it } from "vitest";
import {
  aroundRequest,
  clampLine,
  earlierRequest,
  laterRequest,
  lineText,
  mergeChunk,
  trimWindow,
  windowEnd,
  windowHas,
  type LineWindow,
} from "./line-window";

const numbered = (first: number, count: number) =>
  Array.from({ length: count }, (_, i) => `line ${first + i}`);
const win = (first: number, count: number): LineWindow => ({ first, lines: numbered(first, count) });

describe("window basics", () => {
  it("knows its last line and what it holds", () => {
    const w = win(101, 50);
    expect(windowEnd(w)).toBe(150);
    expect(windowHas(w, 101)).toBe(true);
    expect(windowHas(w, 150)).toBe(true);
    expect(windowHas(w, 151)).toBe(false);
    expect(lineText(w, 120)).toBe("line 120");
    expect(lineText(w, 100)).toBeUndefined();
    expect(windowEnd({ first: 1, lines: [] })).toBe(0);
  });
});

describe("mergeChunk", () => {
  it("prepends an adjacent earlier chunk", () => {
    const merged = mergeChunk(win(101, 50), { first_line: 51, lines: numbered(51, 50) }, "start", 1000);
    expect(merged.first).toBe(51);
    expect(merged.lines).toHaveLength(100);
    expect(lineText(merged, 100)).toBe("line 100");
    expect(lineText(merged, 101)).toBe("line 101");
  });

  it("appends an adjacent later chunk", () => {
    const merged = mergeChunk(win(1, 10), { first_line: 11, lines: numbered(11, 5) }, "end", 1000);
    expect(merged).toEqual(win(1, 15));
  });

  it("lets an overlapping chunk win (a re-read unfinished last line is replaced)", () => {
    const w: LineWindow = { first: 1, lines: ["a", "b", "unfinish"] };
    const merged = mergeChunk(w, { first_line: 3, lines: ["unfinished line", "d"] }, "end", 1000);
    expect(merged).toEqual({ first: 1, lines: ["a", "b", "unfinished line", "d"] });
  });

  it("replaces the window when the chunk leaves a gap", () => {
    expect(mergeChunk(win(1, 10), { first_line: 500, lines: ["x"] }, "end", 1000)).toEqual({
      first: 500,
      lines: ["x"],
    });
    expect(mergeChunk(win(500, 10), { first_line: 1, lines: ["x"] }, "start", 1000)).toEqual({
      first: 1,
      lines: ["x"],
    });
  });

  it("keeps the window as it is for an empty chunk, and takes any chunk into an empty window", () => {
    const w = win(1, 3);
    expect(mergeChunk(w, { first_line: 4, lines: [] }, "end", 1000)).toBe(w);
    expect(mergeChunk({ first: 1, lines: [] }, { first_line: 40, lines: ["a"] }, "end", 1000)).toEqual({
      first: 40,
      lines: ["a"],
    });
  });

  it("drops the far end when the window grows past its bound", () => {
    // Scrolling up: the newest lines (the bottom) go.
    const up = mergeChunk(win(1001, 1000), { first_line: 1, lines: numbered(1, 1000) }, "start", 1500, 1200);
    expect(up.first).toBe(1);
    expect(up.lines).toHaveLength(1200);
    expect(windowEnd(up)).toBe(1200);
    // Following or scrolling down: the oldest lines (the top) go.
    const down = mergeChunk(
      win(1, 1000),
      { first_line: 1001, lines: numbered(1001, 1000) },
      "end",
      1500,
      1200,
    );
    expect(down.first).toBe(801);
    expect(windowEnd(down)).toBe(2000);
    expect(lineText(down, 801)).toBe("line 801");
  });

  it("stays bounded however far the user scrolls (8 M lines, chunk by chunk)", () => {
    let w = win(8_000_001, 2000);
    for (let i = 0; i < 100; i++) {
      const request = earlierRequest(w, 2000);
      if (!request) break;
      w = mergeChunk(
        w,
        { first_line: request.fromLine, lines: numbered(request.fromLine, request.count) },
        "start",
        30_000,
        25_000,
      );
      expect(w.lines.length).toBeLessThanOrEqual(30_000);
    }
    expect(w.first).toBe(8_000_001 - 100 * 2000);
    expect(lineText(w, w.first)).toBe(`line ${w.first}`);
    expect(lineText(w, windowEnd(w))).toBe(`line ${windowEnd(w)}`);
  });
});

describe("trimWindow", () => {
  it("leaves a window within bounds alone", () => {
    const w = win(1, 10);
    expect(trimWindow(w, "end", 10)).toBe(w);
  });
});

describe("chunk requests", () => {
  it("asks for the lines before the window, never before line 1", () => {
    expect(earlierRequest(win(5001, 10), 2000)).toEqual({ fromLine: 3001, count: 2000 });
    expect(earlierRequest(win(501, 10), 2000)).toEqual({ fromLine: 1, count: 500 });
    expect(earlierRequest(win(1, 10), 2000)).toBeNull();
  });

  it("asks for the lines after the window, re-reading an unfinished last line", () => {
    expect(laterRequest(win(1, 10), 100, true, 2000)).toEqual({ fromLine: 11, count: 2000 });
    expect(laterRequest(win(1, 10), 10, true, 2000)).toBeNull();
    expect(laterRequest(win(1, 10), 10, false, 2000)).toEqual({ fromLine: 10, count: 2000 });
    expect(laterRequest({ first: 1, lines: [] }, 0, false, 2000)).toBeNull();
  });

  it("centres a window on a line", () => {
    expect(aroundRequest(10_000, 2000)).toEqual({ fromLine: 9000, count: 2000 });
    expect(aroundRequest(30, 2000)).toEqual({ fromLine: 1, count: 2000 });
  });

  it("clamps a wanted line to the log", () => {
    expect(clampLine(0, 100)).toBe(1);
    expect(clampLine(150, 100)).toBe(100);
    expect(clampLine(42.7, 100)).toBe(42);
    expect(clampLine(Number.NaN, 100)).toBeNull();
    expect(clampLine(5, 0)).toBe(1);
  });
});
