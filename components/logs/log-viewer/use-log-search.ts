"use client";

import { streamLogSearch } from "@/lib/api/log-search";
import type { LogRef } from "@/lib/api/log-viewer";
import type { LogSearchEvent } from "@/lib/schemas/log-view";
import type { SearchSpec } from "./processing";
import { useScanStream } from "./use-scan-stream";

export interface LogSearchState {
  status: "idle" | "searching" | "done" | "error";
  /** Line numbers of the matches received so far, in log order. */
  lines: readonly number[];
  /** Matches counted on the whole log (when done). */
  total: number | null;
  truncated: boolean;
  scanned: number;
  size: number;
  /** Searches ahead of this one while the server runs its most at once (0: not waiting). */
  waiting: number;
  error: string | null;
}

const IDLE: LogSearchState = {
  status: "idle",
  lines: [],
  total: null,
  truncated: false,
  scanned: 0,
  size: 0,
  waiting: 0,
  error: null,
};
const STARTED: LogSearchState = { ...IDLE, status: "searching" };

function apply(state: LogSearchState, events: LogSearchEvent[]): LogSearchState {
  let next = state;
  const found: number[] = [];
  for (const event of events) {
    if (event.type === "match") found.push(event.line);
    else if (event.type === "waiting") next = { ...next, waiting: event.ahead };
    else if (event.type === "progress")
      next = { ...next, waiting: 0, scanned: event.scanned, size: event.size };
    else if (event.type === "done")
      next = {
        ...next,
        status: "done",
        waiting: 0,
        total: event.total,
        truncated: event.truncated,
        scanned: event.scanned,
      };
    else next = { ...next, status: "error", waiting: 0, error: event.message };
  }
  return found.length ? { ...next, lines: [...next.lines, ...found] } : next;
}

/**
 * Streams a server-side search of the whole published log. A new spec (or `run`) aborts the previous
 * search; results are kept per search key, so a late event of an old search is never shown.
 */
export function useLogSearch(
  log: LogRef,
  spec: SearchSpec | null,
  run: number,
  onUpdate?: (state: LogSearchState) => void,
): LogSearchState {
  const { scope, id, name } = log;
  const state = useScanStream<LogSearchEvent, LogSearchState>({
    key: spec ? JSON.stringify([scope, id, name, spec.q, spec.regex, spec.caseSensitive, run]) : "",
    start: (onEvents, signal) =>
      streamLogSearch(
        { scope, id, name },
        { q: spec!.q, regex: spec!.regex, caseSensitive: spec!.caseSensitive },
        onEvents,
        signal,
      ),
    running: STARTED,
    apply,
    stoppedMessage: "The search stopped before the end of the log.",
    onUpdate,
  });
  return state ?? IDLE;
}
