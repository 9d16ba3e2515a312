"use client";

import { useCallback, useRef } from "react";
import { paths, type LogViewerUrlState } from "@/lib/paths";
import type { LogRef } from "@/lib/api/log-viewer";

/**
 * Keeps the address bar in step with the view (line, search) without a navigation, so the page can
 * be linked or reloaded where it is. Next.js syncs its router with history.replaceState.
 */
export function useViewerUrl(log: LogRef, initial: LogViewerUrlState) {
  const state = useRef<LogViewerUrlState>(initial);
  const { scope, id, name } = log;
  return useCallback(
    (change: Partial<LogViewerUrlState>) => {
      state.current = { ...state.current, ...change };
      const url = paths.logViewer(scope, id, name, state.current);
      if (url !== `${window.location.pathname}${window.location.search}`)
        window.history.replaceState(null, "", url);
    },
    [scope, id, name],
  );
}
