"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";
import { parseLogViewerUrl } from "@/lib/api/log-viewer-url";
import type { LogViewerUrlState } from "@/lib/paths";
import type { LineRange } from "./use-viewer-navigation";

/** Scrolling settles before the address bar is touched (replaceState is cheap, not free). */
const SETTLE_MS = 300;

/**
 * Keeps the line at the top of the screen in the URL (`?top=`), so Back from another page or a
 * reload reopens the viewer where the reader was. Left out where the URL already says it: at the
 * log's end (the viewer opens there) and while the linked line (`?line=`) is on screen.
 */
export function useTopLineUrl(
  replaceUrl: (change: Partial<LogViewerUrlState>) => void,
  atBottomRef: RefObject<boolean>,
  highlight: LineRange | null,
) {
  const highlightRef = useRef(highlight);
  useLayoutEffect(() => {
    highlightRef.current = highlight;
  }, [highlight]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  return useCallback(
    (first: number, last: number) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const linked = highlightRef.current;
        const linkedOnScreen = linked !== null && linked.first >= first && linked.first <= last;
        replaceUrl({ top: atBottomRef.current || linkedOnScreen || first < 1 ? undefined : first });
      }, SETTLE_MS);
    },
    [replaceUrl, atBottomRef],
  );
}

/**
 * The line to reopen at: Back restores the page from the router's cache with the props of its first
 * render, but the address bar (kept current with replaceState) knows the line that was at the top.
 */
export function useReturnTop(initialTop: number | undefined): number | undefined {
  const [top] = useState(() => {
    if (initialTop || typeof window === "undefined") return initialTop;
    return parseLogViewerUrl(new URLSearchParams(window.location.search)).top;
  });
  return top;
}
