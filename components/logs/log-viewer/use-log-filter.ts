"use client";

import { useEffect, useState } from "react";
import { streamLogFilter } from "@/lib/api/log-filter";
import type { LogRef } from "@/lib/api/log-viewer";
import { isUnauthorized, redirectToLogin } from "@/lib/api/session-expiry";
import type { LogFilterUrlState } from "@/lib/paths";
import type { LogFilterEvent } from "@/lib/schemas/log-filter";
import { appendRows, type FilterRow } from "./filter-rows";

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
/** Lines arrive in bursts; the screen is updated at most this often while scanning. */
const FLUSH_MS = 120;

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
  const key = filter ? JSON.stringify([scope, id, name, filter]) : "";
  const [result, setResult] = useState<{ key: string; state: LogFilterState }>({ key: "", state: IDLE });

  useEffect(() => {
    if (!filter) return;
    const controller = new AbortController();
    let state: LogFilterState = { ...IDLE, status: "scanning" };
    let pending: LogFilterEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      state = apply(state, pending);
      pending = [];
      setResult({ key, state });
    };
    streamLogFilter(
      { scope, id, name },
      filter,
      (events) => {
        pending.push(...events);
        if (events.some((event) => event.type === "done" || event.type === "error")) flush();
        else timer ??= setTimeout(flush, FLUSH_MS);
      },
      controller.signal,
    )
      .then(() => {
        if (pending.length) flush();
        if (state.status === "scanning") {
          state = { ...state, status: "error", error: "The filter stopped before the end of the log." };
          setResult({ key, state });
        }
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (isUnauthorized(error)) redirectToLogin();
        const message = error instanceof Error ? error.message : String(error);
        setResult({ key, state: { ...state, status: "error", error: message } });
      });
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
    // `key` covers the log and the filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (!filter) return IDLE;
  return result.key === key ? result.state : { ...IDLE, status: "scanning" };
}
