"use client";

import { useCallback, useRef, useState, type RefObject } from "react";
import type { ListRange, VirtuosoHandle } from "react-virtuoso";
import { windowEnd, type LineWindow } from "./line-window";
import type { Anchor } from "./log-window-state";

/** How long after it opens a list that is not where it should be is put there again. */
const PLACING_MS = 2_000;

function initialIndex(anchor: Anchor, window: LineWindow) {
  if (anchor.line === "end") return { index: Math.max(0, window.lines.length - 1), align: "end" as const };
  const index = Math.min(Math.max(0, anchor.line - window.first), Math.max(0, window.lines.length - 1));
  return { index, align: anchor.align };
}

const opening = (generation: number, anchor: Anchor, window: LineWindow) => {
  const initial = initialIndex(anchor, window);
  return {
    generation,
    initial,
    line: anchor.line === "end" ? ("end" as const) : window.first + initial.index,
  };
};

/**
 * Where the list opens, computed once per generation (the window changes under it later), and a check
 * of the ranges it reports: on a slow machine (CPU-bound, a busy phone) the list can lay itself out at
 * the top before it has scrolled to its initial place, and it stays there. Until that place has been
 * on screen once, for a short while after opening, the list is sent there again.
 */
export function useInitialPosition(
  listRef: RefObject<VirtuosoHandle | null>,
  generation: number,
  anchor: Anchor,
  window: LineWindow,
) {
  const [mounted, setMounted] = useState(() => opening(generation, anchor, window));
  if (mounted.generation !== generation) setMounted(opening(generation, anchor, window));
  const placing = useRef({ generation: -1, deadline: 0, done: true });

  const checkPlace = useCallback(
    (range: ListRange, current: LineWindow) => {
      if (placing.current.generation !== mounted.generation)
        placing.current = {
          generation: mounted.generation,
          deadline: performance.now() + PLACING_MS,
          done: false,
        };
      const state = placing.current;
      if (state.done) return;
      const target = mounted.line === "end" ? windowEnd(current) : mounted.line;
      if ((range.startIndex <= target && target <= range.endIndex) || performance.now() > state.deadline) {
        state.done = true;
        return;
      }
      const index = mounted.line === "end" ? ("LAST" as const) : target - current.first;
      requestAnimationFrame(() => listRef.current?.scrollToIndex({ index, align: mounted.initial.align }));
    },
    [listRef, mounted],
  );

  return { initial: mounted.initial, checkPlace };
}
