"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { withReference } from "@/lib/api/fetcher";
import { publishFullCopy, type LogRef } from "@/lib/api/log-viewer";
import { logKeys, logsQueryOptions, postLogAction, type LogActionLog } from "@/lib/api/logs";
import { useFollowSession } from "./use-follow-session";
import { windowEnd } from "./line-window";
import type { useLogWindow } from "./use-log-window";
import type { useViewerNavigation } from "./use-viewer-navigation";

const POLL_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * "Publish & refresh" and Follow. A manual publish may run in the background on the server (its
 * progress shows in the header); the lines are read once it is done. Follow (useFollowSession) shows
 * live lines and appends what the server publishes while the view sits at the end.
 */
export function useViewerPublishing(
  log: LogRef,
  win: ReturnType<typeof useLogWindow>,
  nav: ReturnType<typeof useViewerNavigation>,
) {
  const queryClient = useQueryClient();
  const [following, setFollowing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { latestRef, openTail, loadEdge, refreshTotals } = win;
  const { atBottomRef, lastLineShown, pinToEnd, jumpToEnd } = nav;

  /**
   * After a publish: append the new lines if the user watches the end (or open at the new end if
   * there are more than a chunk of them), else just count them for "N new lines".
   */
  const refresh = useCallback(
    async (publishedBytes: number) => {
      const state = latestRef.current;
      if (state.status !== "ready") {
        if (publishedBytes > 0) await openTail();
        return;
      }
      // The background count may have learnt the new size first: what matters is what is loaded.
      if (publishedBytes === state.size && state.total === state.loadedTotal) return;
      const last = windowEnd(state.window);
      const watchingEnd = last >= state.loadedTotal && (atBottomRef.current || lastLineShown());
      if (!watchingEnd) return refreshTotals();
      const chunk = await loadEdge("bottom", { force: true });
      // A load already in flight: count what it may miss, for "N new lines".
      if (!chunk) return refreshTotals();
      // More arrived than one chunk: open at the new end rather than walking through it.
      if (chunk.first_line + chunk.lines.length - 1 < chunk.total_lines) await openTail();
      else pinToEnd();
    },
    [latestRef, openTail, loadEdge, refreshTotals, atBottomRef, lastLineShown, pinToEnd],
  );

  const publish = useMutation({
    mutationFn: async (): Promise<LogActionLog> => {
      const started = Date.now();
      let { log: current } = await postLogAction(log.scope, log.id, log.name, "publish");
      while (current.publishing) {
        await sleep(POLL_MS);
        const list = await queryClient.fetchQuery({ ...logsQueryOptions(log.scope, log.id), staleTime: 0 });
        const row = list.find((entry) => entry.name === log.name);
        if (!row) break;
        current = row;
      }
      const failed = current.publish_error;
      if (failed && Date.parse(failed.at) >= started - 1_000)
        throw new Error(withReference(failed.message, failed.reference));
      return current;
    },
    onMutate: () => setError(null),
    onSuccess: (current) => refresh(current.published),
    onError: (failure) => setError(`Publish failed: ${message(failure)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: logKeys.list(log.scope, log.id) }),
  });

  // A burst of clicks lands before React re-renders the button as busy: one publish at a time.
  const inFlight = useRef(false);
  const publishOnce = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    publish.mutate(undefined, {
      onSettled: () => {
        inFlight.current = false;
      },
    });
  }, [publish]);

  /** "Publish a full copy here": the copy Trove counts is in another account (see publishFullCopy). */
  const fullCopy = useMutation({
    mutationFn: () => publishFullCopy(log),
    onMutate: () => setError(null),
    onSuccess: (current) => refresh(current.published),
    onError: (failure) => setError(`Publish failed: ${message(failure)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: logKeys.list(log.scope, log.id) }),
  });

  const follow = useFollowSession(log, { following, setFollowing, onPublished: refresh, setError });

  const toggleFollow = useCallback(() => {
    if (!following) jumpToEnd();
    setFollowing(!following);
  }, [following, jumpToEnd]);

  return {
    publish,
    publishOnce,
    fullCopy,
    following,
    followPaused: follow.paused,
    follow,
    toggleFollow,
    error,
    clearError: () => setError(null),
  };
}
