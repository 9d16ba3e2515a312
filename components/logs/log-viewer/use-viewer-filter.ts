"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { instanceQueryOptions } from "@/lib/api/instances";
import type { LogRef } from "@/lib/api/log-viewer";
import { chooseFormat } from "@/lib/log-format";
import type { LogFilterUrlState, LogViewerUrlState } from "@/lib/paths";
import { windowHas } from "./line-window";
import type { useLogWindow } from "./use-log-window";
import { useErrorSteps } from "./use-error-steps";
import { useLogFilter } from "./use-log-filter";
import type { useViewerNavigation } from "./use-viewer-navigation";

/**
 * Filter mode and severities for the viewer page: the filter in the URL and its stream, the way back
 * to the full log at a line, the log's format (severity marks) and e / E between errors.
 */
export function useViewerFilter(
  log: LogRef,
  initial: LogViewerUrlState,
  win: ReturnType<typeof useLogWindow>,
  nav: ReturnType<typeof useViewerNavigation>,
  replaceUrl: (change: Partial<LogViewerUrlState>) => void,
) {
  const [active, setActive] = useState<LogFilterUrlState | null>(initial.filter ?? null);
  // The filtered view opens at the match nearest to the line at the top of the view it replaces.
  const [anchorLine, setAnchorLine] = useState<number | null>(
    initial.filter ? (initial.line ?? initial.top ?? null) : null,
  );
  const filteredTop = useRef<number | null>(null);
  const onTopLine = useCallback((line: number) => {
    filteredTop.current = line;
  }, []);
  const state = useLogFilter(log, active);
  const instance = useQuery(instanceQueryOptions(log.scope, log.id));
  const type = instance.data?.datastore.type;
  const format = type ? chooseFormat(type, log.name) : null;

  const { visible } = nav;
  const apply = (filter: LogFilterUrlState) => {
    // From a filtered view: its top line, or (it showed no lines) the place it was opened for.
    const top = active ? (filteredTop.current ?? anchorLine) : visible.current.first;
    setAnchorLine(top || null);
    setActive(filter);
    replaceUrl({ filter });
  };
  const { latestRef, reanchor } = win;
  const { selectLine, goToLine } = nav;
  /** Back to the full log, at `line` (highlighted) when given. */
  const showInFull = useCallback(
    (line?: number) => {
      setActive(null);
      replaceUrl({ filter: undefined });
      if (line === undefined) return;
      const current = latestRef.current;
      if (current.status === "ready" && windowHas(current.window, line)) {
        selectLine(line, false);
        reanchor({ line, align: "center" }); // the full list mounts again, there
      } else goToLine(line);
    },
    [replaceUrl, latestRef, reanchor, selectLine, goToLine],
  );
  // From the highlighted line when it is on screen, else from the top of the screen (after Home, PgDn…).
  const { highlight } = nav;
  const here = () => {
    const { first, last } = visible.current;
    const marked = highlight?.first;
    return marked !== undefined && marked >= first && marked <= last ? marked : first;
  };
  const stepError = useErrorSteps(log, win.state.total, here, goToLine);

  return { active, state, format, apply, showInFull, stepError, anchorLine, onTopLine };
}
