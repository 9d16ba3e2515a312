"use client";

import { streamLogFilter } from "@/lib/api/log-filter";
import type { LogRef } from "@/lib/api/log-viewer";
import type { LogFilterUrlState } from "@/lib/paths";
import type { LogFilterEvent } from "@/lib/schemas/log-filter";
import { appendRows, type FilterRow } from "./filter-rows";
import { useScanStream } from "./use-scan-stream";

export interface LogFilterState {
  status: "idle" | "scanning" | "done" | "error";
  rows: readonly FilterRow[];
  /** Matching entries and lines to show, counted so far (all of them when done). */
  entries: number;
  lines: number;
  truncated: boolean;
  scanned: number;
  size: number;
  totalLines: number | null;
  waiting: number;
  error: string | null;
}

const IDLE: LogFilterState = {
  status: "idle",
  rows: [],
  entries: 0,
  lines: 0,
  truncated: false,
  scanned: 0,
  size: 0,
  totalLines: null,
  waiting: 0,
  error: null,
};
const SCANNING: LogFilterState = { ...IDLE, status: "scanning" };
function apply(state: LogFilterState, events: LogFilterEvent[]): LogFilterState {
  let next = state;
  for (const event of events) {
    if (event.type === "lines") next = { ...next, rows: appendRows(next.rows, event.lines) };
    else if (event.type === "waiting") next = { ...next, waiting: event.ahead };
    else if (event.type === "progress")
      next = {
        ...next,
        waiting: 0,
        scanned: event.scanned,
        size: event.size,
        entries: event.entries,
        lines: event.lines,
      };
    else if (event.type === "done")
      next = {
        ...next,
        status: "done",
        waiting: 0,
        entries: event.entries,
        lines: event.lines,
        truncated: event.truncated,
        scanned: event.scanned,
        totalLines: event.total_lines,
      };
    else next = { ...next, status: "error", waiting: 0, error: event.message };
  }
  return next;
}

/** Streams a filter of the whole published log; a new filter aborts the previous one. */
export function useLogFilter(log: LogRef, filter: LogFilterUrlState | null): LogFilterState {
  const { scope, id, name } = log;
  const state = useScanStream<LogFilterEvent, LogFilterState>({
    key: filter ? JSON.stringify([scope, id, name, filter]) : "",
    start: (onEvents, signal) => streamLogFilter({ scope, id, name }, filter!, onEvents, signal),
    running: SCANNING,
    apply,
    stoppedMessage: "The filter stopped before the end of the log.",
  });
  return state ?? IDLE;
}
