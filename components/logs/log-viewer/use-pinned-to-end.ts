"use client";

import { useCallback, useEffect, useRef, type RefObject } from "react";
import type { VirtuosoHandle } from "react-virtuoso";

/** What a person does to move through the list themselves (from then on the position is theirs). */
const MOVES = ["wheel", "touchmove", "keydown", "pointerdown"] as const;

/**
 * A view opened at the end stays at the end while the layout settles: wrapped lines measured taller
 * than estimated, or the list's box shrinking as the timeline appears above it (phones), would
 * otherwise leave the last lines below the visible part. It holds until the person scrolls, presses
 * a key or touches the list, and again once they are back at the bottom.
 */
export function usePinnedToEnd(
  listRef: RefObject<VirtuosoHandle | null>,
  openedAtEnd: boolean,
  generation: number,
  onAtBottomChange: (atBottom: boolean) => void,
) {
  const pinned = useRef(openedAtEnd);
  const generationSeen = useRef(generation);
  const scroller = useRef<HTMLElement | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => {
    // A new window (a jump) is positioned anew: pinned only when it opens at the end.
    if (generationSeen.current === generation) return;
    generationSeen.current = generation;
    pinned.current = openedAtEnd;
  }, [generation, openedAtEnd]);

  const keepAtEnd = useCallback(() => {
    if (pinned.current) listRef.current?.scrollToIndex({ index: "LAST", align: "end" });
  }, [listRef]);

  const release = useCallback(() => {
    pinned.current = false;
  }, []);

  const atBottomStateChange = useCallback(
    (atBottom: boolean) => {
      if (atBottom) pinned.current = true;
      onAtBottomChange(atBottom);
    },
    [onAtBottomChange],
  );

  const scrollerRef = useCallback(
    (element: HTMLElement | Window | null) => {
      const next = element instanceof HTMLElement ? element : null;
      if (scroller.current === next) return;
      for (const move of MOVES) scroller.current?.removeEventListener(move, release);
      observer.current?.disconnect();
      scroller.current = next;
      if (!next) return;
      for (const move of MOVES) next.addEventListener(move, release, { passive: true });
      observer.current = new ResizeObserver(keepAtEnd);
      observer.current.observe(next);
    },
    [keepAtEnd, release],
  );

  useEffect(() => () => observer.current?.disconnect(), []);
  return { keepAtEnd, atBottomStateChange, scrollerRef };
}
