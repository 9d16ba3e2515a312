"use client";

import { useCallback, useRef, useState } from "react";
import type { VirtuosoHandle } from "react-virtuoso";
import { clampLine, windowEnd, windowHas } from "./line-window";
import type { useLogWindow } from "./use-log-window";

/** Rows left before an edge of the window when the next chunk is fetched. */
const PREFETCH_ROWS = 600;

type LogWindow = ReturnType<typeof useLogWindow>;

/** The highlighted lines: one (a link, a search match) or a range (shift-click, `?line=120-180`). */
export interface LineRange {
  first: number;
  last: number;
}

export type VisibleListener = (firstLine: number, lastLine: number) => void;

const rangeOf = (first: number | undefined, last = first): LineRange | null =>
  first ? { first, last: Math.max(first, last ?? first) } : null;

/** How often, and how far apart, a scroll to the end is tried again until the last line shows. */
const PIN_TRIES = 20;
const PIN_RETRY_MS = 50;

/**
 * Moving through the log: jumps (inside the window: scroll; outside: load a new window around the
 * target), the highlighted line, what is on screen, and fetching chunks before the user hits an edge.
 */
export function useViewerNavigation(
  win: LogWindow,
  initialLine: number | undefined,
  onLine: (line: number, lineEnd?: number) => void,
  initialLineEnd?: number,
) {
  const listRef = useRef<VirtuosoHandle | null>(null);
  /** The list's scrolling element (set by the list). */
  const scrollerRef = useRef<HTMLElement | null>(null);
  const visible = useRef({ first: 0, last: 0 });
  /** Told the lines on screen as they change (the timeline), without re-rendering the page. */
  const visibleListeners = useRef(new Set<VisibleListener>());
  /** The window generation whose list has reported what it shows (it has finished its first layout). */
  const laidOut = useRef(-1);
  const atBottomRef = useRef(true);
  const [atBottom, setAtBottom] = useState(true);
  /** The log's length when the user scrolled away from the end (for "N new lines"). */
  const [totalWhenLeft, setTotalWhenLeft] = useState<number | null>(null);
  const [highlight, setHighlight] = useState(() => rangeOf(initialLine, initialLineEnd));
  /** Where a shift-click extends the range from: the line clicked last without Shift. */
  const rangeStart = useRef(initialLine ?? null);
  const { latestRef, openAround, openStart, openTail, loadEdge, reanchor } = win;

  const subscribeVisible = useCallback((listener: VisibleListener) => {
    visibleListeners.current.add(listener);
    return () => void visibleListeners.current.delete(listener);
  }, []);

  /** Whether the window's last line is wholly inside the list's box (not just rendered below it). */
  const lastLineShown = useCallback(() => {
    const scroller = scrollerRef.current;
    const row = scroller?.querySelector(`[data-line="${windowEnd(latestRef.current.window)}"]`);
    if (!scroller || !row) return false;
    const box = scroller.getBoundingClientRect();
    const line = row.getBoundingClientRect();
    return line.top >= box.top - 1 && line.bottom <= box.bottom + 1;
  }, [latestRef]);

  const pinToEnd = useCallback(() => {
    // The list first takes in the new count, then scrolls: two frames, and more on a busy machine, so
    // it tries again until the last line is on screen (for a moment at most).
    let tries = PIN_TRIES;
    const step = () => {
      if (tries-- <= 0 || lastLineShown()) return;
      listRef.current?.scrollToIndex({ index: "LAST", align: "end" });
      setTimeout(() => requestAnimationFrame(step), PIN_RETRY_MS);
    };
    requestAnimationFrame(() => requestAnimationFrame(step));
  }, [lastLineShown]);

  const goToLine = useCallback(
    (line: number) => {
      const state = latestRef.current;
      const target = clampLine(line, state.total || line);
      if (target === null) return;
      setHighlight(rangeOf(target));
      rangeStart.current = target;
      onLine(target);
      if (state.status !== "ready" || state.resetting || !windowHas(state.window, target))
        void openAround(target);
      // A list still placing itself at its initial position would undo a scroll: remount it there.
      else if (laidOut.current !== state.generation) reanchor({ line: target, align: "center" });
      else listRef.current?.scrollToIndex({ index: target - state.window.first, align: "center" });
    },
    [latestRef, openAround, reanchor, onLine],
  );

  const selectLine = useCallback(
    (line: number, extend = false) => {
      const from = extend && rangeStart.current !== null ? rangeStart.current : line;
      if (!extend || rangeStart.current === null) rangeStart.current = line;
      const range = { first: Math.min(from, line), last: Math.max(from, line) };
      setHighlight(range);
      onLine(range.first, range.last > range.first ? range.last : undefined);
    },
    [onLine],
  );

  const jumpToStart = useCallback(() => {
    const state = latestRef.current;
    if (state.status !== "ready") return;
    if (state.window.first <= 1 && !state.resetting)
      listRef.current?.scrollToIndex({ index: 0, align: "start" });
    else void openStart();
  }, [latestRef, openStart]);

  const jumpToEnd = useCallback(() => {
    const state = latestRef.current;
    if (state.status !== "ready") return;
    if (state.bottom === "end" && !state.resetting) {
      atBottomRef.current = true;
      listRef.current?.scrollToIndex({ index: "LAST", align: "end" });
    } else void openTail();
  }, [latestRef, openTail]);

  const onRangeChange = useCallback(
    (first: number, last: number) => {
      visible.current = { first, last };
      for (const listener of visibleListeners.current) listener(first, last);
      const { window, generation } = latestRef.current;
      laidOut.current = generation;
      if (first - window.first < PREFETCH_ROWS) void loadEdge("top");
      if (windowEnd(window) - last < PREFETCH_ROWS) void loadEdge("bottom");
    },
    [latestRef, loadEdge],
  );

  const onAtBottomChange = useCallback(
    (value: boolean) => {
      atBottomRef.current = value;
      setAtBottom(value);
      setTotalWhenLeft(value ? null : latestRef.current.total);
    },
    [latestRef],
  );

  return {
    listRef,
    scrollerRef,
    lastLineShown,
    visible,
    subscribeVisible,
    atBottom,
    atBottomRef,
    totalWhenLeft,
    highlight,
    goToLine,
    selectLine,
    jumpToStart,
    jumpToEnd,
    pinToEnd,
    onRangeChange,
    onAtBottomChange,
  };
}
