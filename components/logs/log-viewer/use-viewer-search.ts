"use client";

import { useCallback, useRef, useState } from "react";
import type { LogRef } from "@/lib/api/log-viewer";
import type { LogViewerUrlState } from "@/lib/paths";
import { matchCountLabel, stepMatch, type SearchSpec } from "./processing";
import { useLogSearch, type LogSearchState } from "./use-log-search";
import { useSearchMatcher } from "./use-search-matcher";
import type { useViewerNavigation } from "./use-viewer-navigation";

/**
 * The search as the viewer uses it: the spec (also in the URL), the streamed results, the current
 * match, and next / previous jumping to a match's line. A new search jumps to the first match
 * below the top of the screen as soon as one arrives (wrapping to the first when the scan ends).
 */
export function useViewerSearch(
  log: LogRef,
  initial: LogViewerUrlState,
  nav: ReturnType<typeof useViewerNavigation>,
  replaceUrl: (change: Partial<LogViewerUrlState>) => void,
) {
  const [spec, setSpec] = useState<SearchSpec | null>(() =>
    initial.q
      ? { q: initial.q, regex: Boolean(initial.regex), caseSensitive: Boolean(initial.caseSensitive) }
      : null,
  );
  const [run, setRun] = useState(0);
  const [current, setCurrent] = useState<number | null>(null);
  // A link with ?q= but no ?line= (or ?t=) opens at the first match, like a search typed on the page.
  const jumpPending = useRef(Boolean(initial.q) && !initial.line && !initial.t);
  const markInitialLine = useRef(Boolean(initial.q) && Boolean(initial.line));
  const { goToLine, visible } = nav;

  const jumpTo = useCallback(
    (lines: readonly number[], index: number) => {
      setCurrent(index);
      goToLine(lines[index] as number);
    },
    [goToLine],
  );

  const onUpdate = useCallback(
    (state: LogSearchState) => {
      if (markInitialLine.current) {
        // ?line= with ?q=: the view stays on that line; it becomes the current match once found.
        const index = state.lines.indexOf(initial.line as number);
        if (index >= 0 || state.status !== "searching") markInitialLine.current = false;
        if (index >= 0) setCurrent(index);
      }
      if (!jumpPending.current || state.lines.length === 0) {
        if (state.status !== "searching") jumpPending.current = false;
        return;
      }
      const from = visible.current.first;
      const index = state.lines.findIndex((line) => line >= from);
      if (index >= 0 || state.status !== "searching") {
        jumpPending.current = false;
        jumpTo(state.lines, Math.max(0, index));
      }
    },
    [visible, jumpTo, initial.line],
  );

  const results = useLogSearch(log, spec, run, onUpdate);
  const matcher = useSearchMatcher(spec);

  const search = useCallback(
    (next: SearchSpec) => {
      setSpec(next);
      setRun((value) => value + 1);
      setCurrent(null);
      jumpPending.current = true;
      replaceUrl({ q: next.q, regex: next.regex, caseSensitive: next.caseSensitive });
    },
    [replaceUrl],
  );

  const clear = useCallback(() => {
    setSpec(null);
    setCurrent(null);
    jumpPending.current = false;
    replaceUrl({ q: undefined, regex: undefined, caseSensitive: undefined });
  }, [replaceUrl]);

  const step = (direction: 1 | -1) => {
    const index = stepMatch(results.lines, current, visible.current.first, direction);
    if (index !== null) jumpTo(results.lines, index);
  };

  const countLabel = matchCountLabel({
    status: results.status,
    found: results.lines.length,
    total: results.total,
    truncated: results.truncated,
    current,
  });
  const progress =
    results.status !== "searching"
      ? null
      : results.waiting > 0
        ? `waiting for ${results.waiting} other ${results.waiting === 1 ? "search" : "searches"} to finish`
        : results.size > 0
          ? `scanned ${Math.floor((results.scanned / results.size) * 100)}%`
          : null;

  return {
    spec,
    results,
    matcher,
    currentLine: current === null ? null : (results.lines[current] ?? null),
    countLabel,
    progress,
    search,
    clear,
    next: () => step(1),
    previous: () => step(-1),
  };
}
