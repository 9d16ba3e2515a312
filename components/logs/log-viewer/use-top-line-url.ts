"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from "react";
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
