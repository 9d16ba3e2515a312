"use client";

import { useCallback } from "react";
import type { LogRef } from "@/lib/api/log-viewer";
import type { LogViewerUrlState } from "@/lib/paths";
import type { LogLines } from "@/lib/schemas/log-view";
import { useLogWindow } from "./use-log-window";
import { useTimeJump } from "./use-time-jump";
import { useReturnTop, useTopLineUrl } from "./use-top-line-url";
import { useViewerNavigation } from "./use-viewer-navigation";

/**
 * The viewer's window of lines and how it moves, opened where the URL says (`?top=` after Back or a
 * reload, `?line=`, `?t=`, else the end), and the URL kept up to date with the selected line and the line at the top.
 */
export function useViewerWindow(
  log: LogRef,
  initial: LogViewerUrlState,
  replaceUrl: (change: Partial<LogViewerUrlState>) => void,
  initialLines?: LogLines | null,
) {
  const onLine = useCallback(
    (line: number, lineEnd?: number) => replaceUrl({ line, lineEnd, t: undefined }),
    [replaceUrl],
  );
  const returnTop = useReturnTop(initial.top);
  const win = useLogWindow(log, initial.line, {
    deferOpen: Boolean(initial.t) && !initial.line,
    initialTop: returnTop,
    // Lines read with the page open at the end: not when the URL (or Back) asks for another place.
    initialTail: returnTop ? null : initialLines,
  });
  const nav = useViewerNavigation(win, initial.line, onLine, initial.lineEnd);
  const timeJump = useTimeJump(log, win, nav, replaceUrl, initial);
  const trackTop = useTopLineUrl(replaceUrl, nav.atBottomRef, nav.highlight);
  const navRangeChange = nav.onRangeChange;
  const onRangeChange = useCallback(
    (first: number, last: number) => {
      navRangeChange(first, last);
      trackTop(first, last);
    },
    [navRangeChange, trackTop],
  );
  return { win, nav, timeJump, onRangeChange };
}
