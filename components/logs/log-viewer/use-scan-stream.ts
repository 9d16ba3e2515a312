"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { isUnauthorized, redirectToLogin } from "@/lib/api/session-expiry";

/** Events arrive in bursts; the screen is updated at most this often while a scan runs. */
const FLUSH_MS = 120;

export interface ScanStreamState {
  status: string;
  error: string | null;
}

export interface ScanStream<Event, State extends ScanStreamState> {
  /** What identifies the scan ("" : none): a new key aborts the previous scan. */
  key: string;
  /** Starts the request; hands events over as they arrive; resolves when the stream ends. */
  start: (onEvents: (events: Event[]) => void, signal: AbortSignal) => Promise<void>;
  /** The state while the scan runs, before any event. */
  running: State;
  /** The state after a batch of events. */
  apply: (state: State, events: Event[]) => State;
  /** Said when the stream ends without a final event. */
  stoppedMessage: string;
  /** Called with each new state (after the batch is applied). */
  onUpdate?: (state: State) => void;
}

const isFinal = (event: unknown) => {
  const type = (event as { type?: unknown }).type;
  return type === "done" || type === "error";
};

/**
 * Streams one NDJSON scan of a whole log (a search or a filter) into React state: events are applied
 * in batches (at most every FLUSH_MS, at once for the final one), a new key aborts the previous scan,
 * and state is kept per key, so a late event of an old scan is never shown. Returns the state of the
 * current key (`running` until its first batch), or null without a key.
 */
export function useScanStream<Event, State extends ScanStreamState>(
  stream: ScanStream<Event, State>,
): State | null {
  const { key } = stream;
  const latest = useRef(stream);
  useLayoutEffect(() => {
    latest.current = stream;
  });
  const [result, setResult] = useState<{ key: string; state: State } | null>(null);

  useEffect(() => {
    if (!key) return;
    const { start, running, apply, stoppedMessage } = latest.current;
    const controller = new AbortController();
    let state = running;
    let pending: Event[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const show = (next: State) => {
      state = next;
      setResult({ key, state });
      latest.current.onUpdate?.(state);
    };
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      const events = pending;
      pending = [];
      show(apply(state, events));
    };
    start((events) => {
      pending.push(...events);
      if (events.some(isFinal)) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    }, controller.signal)
      .then(() => {
        if (pending.length) flush();
        if (state.status === running.status) show({ ...state, status: "error", error: stoppedMessage });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (isUnauthorized(error)) redirectToLogin();
        const message = error instanceof Error ? error.message : String(error);
        show({ ...state, status: "error", error: message });
      });
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [key]);

  if (!key) return null;
  return result?.key === key ? result.state : stream.running;
}
