import { describe, expect, it } from "vitest";
import type { LogLines } from "@/lib/schemas/log-view";
import { windowEnd } from "./line-window";
import {
  initialLogWindowState,
  KEEP_AFTER_TRIM,
  logWindowReducer,
  MAX_WINDOW_LINES,
  openedWith,
  type LogWindowAction,
  type LogWindowState,
} from "./log-window-state";

const chunk = (first: number, count: number, total: number, extra: Partial<LogLines> = {}): LogLines => ({
  first_line: first,
  lines: Array.from({ length: count }, (_, i) => `line ${first + i}`),
  total_lines: total,
  size: total * 10,
  last_line_complete: true,
  ...extra,
});

const run = (actions: LogWindowAction[], from: LogWindowState = initialLogWindowState) =>
  actions.reduce(logWindowReducer, from);

/** Opened at the tail of an 8 M-line log. */
const atTail = run([
  { type: "reset", resetId: 1, anchor: { line: "end" } },
  { type: "reset-done", resetId: 1, anchor: { line: "end" }, chunk: chunk(7_998_001, 2000, 8_000_000) },
]);

describe("logWindowReducer", () => {
  it("opens at the tail: ready, bottom at the end, more above", () => {
    expect(atTail.status).toBe("ready");
    expect(atTail.generation).toBe(1);
    expect(atTail.window.first).toBe(7_998_001);
    expect(atTail.top).toBe("idle");
    expect(atTail.bottom).toBe("end");
    expect(atTail.total).toBe(8_000_000);
  });

  it("ignores the answer of a superseded reset", () => {
    const state = run([
      { type: "reset", resetId: 1, anchor: { line: "end" } },
      { type: "reset", resetId: 2, anchor: { line: 1, align: "start" } },
      { type: "reset-done", resetId: 1, anchor: { line: "end" }, chunk: chunk(1, 10, 10) },
    ]);
    expect(state.status).toBe("loading");
    expect(state.resetting).toBe(true);
  });

  it("shows the nothing-published state for a 404 and an error state otherwise", () => {
    const unpublished = run([
      { type: "reset", resetId: 1, anchor: { line: "end" } },
      { type: "reset-failed", resetId: 1, error: new Error("No published log"), unpublished: true },
    ]);
    expect(unpublished.status).toBe("unpublished");
    const failed = run([
      { type: "reset", resetId: 3, anchor: { line: "end" } },
      { type: "reset-failed", resetId: 3, error: new Error("store down"), unpublished: false },
    ]);
    expect(failed.status).toBe("error");
    expect(failed.error?.message).toBe("store down");
  });

  it("prepends earlier chunks and keeps the window bounded while scrolling up", () => {
    let state = atTail;
    for (let i = 1; i <= 20; i++) {
      const first = state.window.first - 2000;
      state = run(
        [
          { type: "edge", edge: "top" },
          {
            type: "edge-done",
            generation: state.generation,
            edge: "top",
            chunk: chunk(first, 2000, 8_000_000),
          },
        ],
        state,
      );
      expect(state.window.lines.length).toBeLessThanOrEqual(MAX_WINDOW_LINES);
    }
    expect(state.window.first).toBe(7_998_001 - 40_000);
    expect(state.top).toBe("idle");
    expect(state.bottom).toBe("idle"); // the newest lines were dropped: they can be loaded again
    expect(state.window.lines.length).toBeGreaterThanOrEqual(KEEP_AFTER_TRIM);
  });

  it("appends followed lines, re-reading an unfinished last line", () => {
    const unfinished = run([
      { type: "reset", resetId: 1, anchor: { line: "end" } },
      {
        type: "reset-done",
        resetId: 1,
        anchor: { line: "end" },
        chunk: { ...chunk(1, 3, 3), lines: ["a", "b", "half"], last_line_complete: false },
      },
    ]);
    const state = logWindowReducer(unfinished, {
      type: "edge-done",
      generation: unfinished.generation,
      edge: "bottom",
      chunk: { ...chunk(3, 2, 4), lines: ["half done", "d"] },
    });
    expect(state.window.lines).toEqual(["a", "b", "half done", "d"]);
    expect(state.total).toBe(4);
    expect(state.lastLineComplete).toBe(true);
    expect(state.bottom).toBe("end");
  });

  it("drops edge answers of an older generation and keeps a concurrent load's state", () => {
    const loading = run(
      [
        { type: "edge", edge: "top" },
        { type: "edge", edge: "bottom" },
      ],
      atTail,
    );
    const late = logWindowReducer(loading, {
      type: "edge-done",
      generation: 0,
      edge: "top",
      chunk: chunk(1, 5, 8_000_000),
    });
    expect(late).toBe(loading);
    const bottomDone = logWindowReducer(loading, {
      type: "edge-done",
      generation: atTail.generation,
      edge: "bottom",
      chunk: chunk(8_000_001, 5, 8_000_005),
    });
    expect(bottomDone.top).toBe("loading");
    expect(windowEnd(bottomDone.window)).toBe(8_000_005);
  });

  it("counts new lines without touching the window, and flags a shrunken log", () => {
    const grown = logWindowReducer(atTail, {
      type: "totals",
      generation: 1,
      chunk: chunk(8_000_100, 1, 8_000_100),
    });
    expect(grown.window).toBe(atTail.window);
    expect(grown.total).toBe(8_000_100);
    expect(grown.bottom).toBe("idle");
    const rotated = logWindowReducer(atTail, { type: "totals", generation: 1, chunk: chunk(10, 1, 10) });
    expect(rotated.replaced).toBe(true);
  });

  it("keeps what the window's lower end knew: new lines are those beyond it until the bottom loads", () => {
    expect(atTail.loadedTotal).toBe(8_000_000);
    const counted = logWindowReducer(atTail, {
      type: "totals",
      generation: 1,
      chunk: chunk(8_000_100, 1, 8_000_100),
    });
    expect(counted.total - counted.loadedTotal).toBe(100);
    // Reading earlier lines learns the length too, but the new lines stay new.
    const above = run(
      [
        { type: "edge", edge: "top" },
        { type: "edge-done", generation: 1, edge: "top", chunk: chunk(7_996_001, 2000, 8_000_120) },
      ],
      counted,
    );
    expect(above.total - above.loadedTotal).toBe(120);
    const below = run(
      [
        { type: "edge", edge: "bottom" },
        { type: "edge-done", generation: 1, edge: "bottom", chunk: chunk(8_000_001, 120, 8_000_120) },
      ],
      above,
    );
    expect(below.total - below.loadedTotal).toBe(0);
  });

  it("marks a failed edge load, which a retry can start again", () => {
    const failed = run(
      [
        { type: "edge", edge: "top" },
        { type: "edge-failed", generation: 1, edge: "top", error: new Error("503") },
      ],
      atTail,
    );
    expect(failed.top).toBe("error");
    expect(failed.status).toBe("ready");
  });

  it("re-anchors (wrap toggled): new generation, same lines, edges start over", () => {
    const loading = logWindowReducer(atTail, { type: "edge", edge: "top" });
    const state = logWindowReducer(loading, {
      type: "reanchor",
      anchor: { line: 7_999_000, align: "start" },
    });
    expect(state.generation).toBe(2);
    expect(state.window).toBe(atTail.window);
    expect(state.top).toBe("idle");
    expect(state.anchor).toEqual({ line: 7_999_000, align: "start" });
  });
});

describe("openedWith (lines read with the page)", () => {
  it("without them the viewer starts loading", () => {
    expect(openedWith(null)).toBe(initialLogWindowState);
  });

  it("with them it is open at the end at once, and later jumps and edge loads still apply", () => {
    const opened = openedWith(chunk(7_999_001, 1000, 8_000_000));
    expect(opened).toMatchObject({ status: "ready", resetting: false, top: "idle", bottom: "end" });
    expect(opened.anchor).toEqual({ line: "end" });
    expect(windowEnd(opened.window)).toBe(8_000_000);
    const grown = run(
      [
        { type: "edge", edge: "top" },
        {
          type: "edge-done",
          generation: opened.generation,
          edge: "top",
          chunk: chunk(7_997_001, 2000, 8_000_000),
        },
      ],
      opened,
    );
    expect(grown.window.first).toBe(7_997_001);
    const jumped = run(
      [
        { type: "reset", resetId: opened.resetId + 1, anchor: { line: 1, align: "start" } },
        {
          type: "reset-done",
          resetId: opened.resetId + 1,
          anchor: { line: 1, align: "start" },
          chunk: chunk(1, 2000, 8_000_000),
        },
      ],
      grown,
    );
    expect(jumped.window.first).toBe(1);
    expect(jumped.generation).toBeGreaterThan(opened.generation);
  });
});
