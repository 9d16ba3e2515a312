"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { fetchLogTime } from "@/lib/api/log-time";
import type { LogRef } from "@/lib/api/log-viewer";
import { isUnauthorized, redirectToLogin } from "@/lib/api/session-expiry";
import type { LogViewerUrlState } from "@/lib/paths";
import { timeJumpNote, type TimeJumpNote } from "./time-jump-message";
import type { useLogWindow } from "./use-log-window";
import type { useViewerNavigation } from "./use-viewer-navigation";

export type TimeJumpState =
  | { status: "idle" }
  | { status: "jumping"; at: string }
  | { status: "done"; at: string; note: TimeJumpNote }
  | { status: "failed"; at: string; note: TimeJumpNote };

/**
 * Going to a time: the server finds the first line at or after it (`…/time`), the viewer opens
 * there highlighted and the URL says `?t=` (a later line or search replaces it). A `?t=` link
 * without `?line=` does this on opening, before any lines are loaded (the window waits for it).
 */
export function useTimeJump(
  log: LogRef,
  win: ReturnType<typeof useLogWindow>,
  nav: ReturnType<typeof useViewerNavigation>,
  replaceUrl: (change: Partial<LogViewerUrlState>) => void,
  initial: LogViewerUrlState,
) {
  const opensAtTime = Boolean(initial.t) && !initial.line;
  const [state, setState] = useState<TimeJumpState>(() =>
    opensAtTime && initial.t ? { status: "jumping", at: initial.t } : { status: "idle" },
  );
  const running = useRef<AbortController | null>(null);
  const { latestRef, openTail } = win;
  const { goToLine, jumpToEnd } = nav;

  /** Asks the server where `at` is (the latest question wins; an older answer is dropped). */
  const ask = useCallback(
    (at: string) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      return fetchLogTime(log, at, controller.signal).then(
        (result) => ({ at, result, controller }),
        (error: unknown) => ({ at, error, controller }),
      );
    },
    [log],
  );

  /** Goes where the answer says, or tells why not. */
  const land = useCallback(
    (answer: Awaited<ReturnType<typeof ask>>) => {
      const { at, controller } = answer;
      if (controller.signal.aborted) return;
      const opened = latestRef.current.status !== "loading" || latestRef.current.resetting;
      if ("result" in answer) {
        const { result } = answer;
        if (result.line !== null) goToLine(result.line);
        else if (opened) jumpToEnd();
        else void openTail();
        replaceUrl({ t: at, line: undefined, lineEnd: undefined });
        setState({ status: "done", at, note: timeJumpNote(result, at) });
        return;
      }
      if (isUnauthorized(answer.error)) return redirectToLogin();
      // A link's jump failed: show the log anyway (its own state says when nothing is published).
      if (!opened) void openTail();
      const reason = answer.error instanceof Error ? answer.error.message : String(answer.error);
      setState({
        status: "failed",
        at,
        note: { tone: "miss", text: `Could not go to that time: ${reason}` },
      });
    },
    [latestRef, openTail, goToLine, jumpToEnd, replaceUrl],
  );

  const jump = useCallback(
    (at: string) => {
      setState({ status: "jumping", at });
      return ask(at).then(land);
    },
    [ask, land],
  );

  const dismiss = useCallback(() => setState({ status: "idle" }), []);

  useEffect(() => {
    if (opensAtTime && initial.t) void ask(initial.t).then(land);
    return () => running.current?.abort();
    // A link's time is gone to once, when the viewer opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { state, jump, dismiss };
}
