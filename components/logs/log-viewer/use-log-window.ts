"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef } from "react";
import { fetchLogLines, isNothingPublished, type LinesQuery, type LogRef } from "@/lib/api/log-viewer";
import type { LogLines } from "@/lib/schemas/log-view";
import { isUnauthorized, redirectToLogin } from "@/lib/api/session-expiry";
import { aroundRequest, earlierRequest, laterRequest, windowEnd } from "./line-window";
import { logWindowReducer, openedWith, type Anchor, type Edge } from "./log-window-state";

/** Lines per request (the API allows 5,000). */
export const CHUNK_LINES = 2_000;

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * The window of lines the viewer shows: opens at the tail, around a line or at the start, and grows
 * at either edge on demand (the reducer keeps it bounded). Every answer is matched to the reset it
 * belongs to, so a late answer never lands in a newer window. `deferOpen`: the caller opens the first
 * window itself (a `?t=` link waits for the line of that time rather than loading the tail first).
 */
export function useLogWindow(
  log: LogRef,
  initialLine: number | undefined,
  {
    deferOpen = false,
    initialTop,
    initialTail,
  }: { deferOpen?: boolean; initialTop?: number; initialTail?: LogLines | null } = {},
) {
  const { scope, id, name } = log;
  const ref = useMemo(() => ({ scope, id, name }), [scope, id, name]);
  // The last lines may have come with the page: the window opens with them, nothing to ask for.
  const [state, dispatch] = useReducer(logWindowReducer, initialTail, openedWith);
  const latestRef = useRef(state);
  useLayoutEffect(() => {
    latestRef.current = state;
  }, [state]);
  const resets = useRef(state.resetId);
  const resetAbort = useRef<AbortController | null>(null);
  const lifetime = useRef<AbortController | null>(null);

  const fail = useCallback((error: unknown) => {
    if (isUnauthorized(error)) redirectToLogin();
    return asError(error);
  }, []);

  const reset = useCallback(
    async (query: LinesQuery, anchor: Anchor) => {
      const resetId = ++resets.current;
      resetAbort.current?.abort();
      const controller = new AbortController();
      resetAbort.current = controller;
      dispatch({ type: "reset", resetId, anchor });
      try {
        let chunk = await fetchLogLines(ref, query, controller.signal);
        if (chunk.lines.length === 0 && chunk.total_lines > 0 && !("tail" in query)) {
          // Past the end (a stale ?line=): show the end instead.
          chunk = await fetchLogLines(ref, { tail: CHUNK_LINES }, controller.signal);
          anchor = { line: "end" };
        }
        dispatch({ type: "reset-done", resetId, anchor, chunk });
      } catch (error) {
        if (controller.signal.aborted) return;
        dispatch({
          type: "reset-failed",
          resetId,
          error: fail(error),
          unpublished: isNothingPublished(error),
        });
      }
    },
    [ref, fail],
  );

  const openTail = useCallback(() => reset({ tail: CHUNK_LINES }, { line: "end" }), [reset]);
  const openStart = useCallback(
    () => reset({ fromLine: 1, count: CHUNK_LINES }, { line: 1, align: "start" }),
    [reset],
  );
  const openAround = useCallback(
    (line: number) => reset(aroundRequest(line, CHUNK_LINES), { line, align: "center" }),
    [reset],
  );

  /**
   * Loads the chunk beyond one edge. `force` reads past the known end (after a publish the log may
   * have grown); `retry` also runs after a failed load.
   */
  const loadEdge = useCallback(
    async (edge: Edge, options: { force?: boolean; retry?: boolean } = {}): Promise<LogLines | null> => {
      const current = latestRef.current;
      const loader = current[edge];
      if (current.status !== "ready" || current.resetting) return null;
      if (loader === "loading" || (loader === "error" && !options.retry)) return null;
      const { window, total, lastLineComplete } = current;
      const request =
        edge === "top"
          ? earlierRequest(window, CHUNK_LINES)
          : (laterRequest(window, total, lastLineComplete, CHUNK_LINES) ??
            (options.force ? { fromLine: windowEnd(window) + 1, count: CHUNK_LINES } : null));
      if (!request) return null;
      latestRef.current = { ...current, [edge]: "loading" };
      dispatch({ type: "edge", edge });
      const generation = current.generation;
      try {
        const chunk = await fetchLogLines(ref, request, lifetime.current?.signal);
        dispatch({ type: "edge-done", generation, edge, chunk });
        return chunk;
      } catch (error) {
        if (lifetime.current?.signal.aborted) return null;
        if (isNothingPublished(error)) void openTail();
        else dispatch({ type: "edge-failed", generation, edge, error: fail(error) });
        return null;
      }
    },
    [ref, fail, openTail],
  );

  /** Learns the log's current length without touching the window (for "N new lines"). */
  const refreshTotals = useCallback(async () => {
    const { generation, status } = latestRef.current;
    if (status !== "ready") return openTail();
    try {
      const chunk = await fetchLogLines(ref, { tail: 1 }, lifetime.current?.signal);
      dispatch({ type: "totals", generation, chunk });
    } catch (error) {
      if (isNothingPublished(error)) void openTail();
      else throw fail(error);
    }
  }, [ref, fail, openTail]);

  const reanchor = useCallback((anchor: Anchor) => dispatch({ type: "reanchor", anchor }), []);

  useEffect(() => {
    lifetime.current = new AbortController();
    // Back or a reload returns to the line that was at the top (`?top=`), before the linked line.
    if (initialTop) void reset(aroundRequest(initialTop, CHUNK_LINES), { line: initialTop, align: "start" });
    else if (initialLine) void openAround(initialLine);
    else if (!deferOpen && !initialTail) void openTail();
    return () => {
      lifetime.current?.abort();
      resetAbort.current?.abort();
    };
    // Opens once per log; later jumps go through the returned actions.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ref]);

  useEffect(() => {
    if (state.replaced) void openTail();
  }, [state.replaced, openTail]);

  return { state, latestRef, openTail, openStart, openAround, loadEdge, refreshTotals, reanchor };
}
