"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import type { LogRef } from "@/lib/api/log-viewer";
import { logKeys } from "@/lib/api/logs";
import { useLogFollow } from "./use-log-follow";
import type { useLogWindow } from "./use-log-window";

/** How often an open viewer asks for the log's length while Follow is off. */
export const WATCH_INTERVAL_MS = 5_000;

/**
 * Lines published elsewhere (another tab, a colleague, Trove's own guest agent): while the viewer
 * shows a log, is on screen and does not Follow, it learns the log's length now and then (a 1-line
 * read, the window untouched) and answers how many lines are beyond what it loaded.
 */
export function usePublishedWatch(
  log: LogRef,
  win: ReturnType<typeof useLogWindow>,
  following: boolean,
): number {
  const queryClient = useQueryClient();
  const { state, refreshTotals } = win;
  const ready = state.status === "ready";
  // A failed count is left for the next one: the viewer's own loads report errors.
  const tick = useCallback(() => refreshTotals().catch(() => undefined), [refreshTotals]);
  useLogFollow(ready && !following, tick, WATCH_INTERVAL_MS);
  const unseen = state.status === "ready" ? Math.max(0, state.total - state.loadedTotal) : 0;
  // The header's Published size and status come from the log list: read it again when lines arrive.
  useEffect(() => {
    if (unseen > 0) void queryClient.invalidateQueries({ queryKey: logKeys.list(log.scope, log.id) });
  }, [unseen, queryClient, log.scope, log.id]);
  return unseen;
}
