"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { leaveFollow, pollFollow } from "@/lib/api/log-follow";
import type { LogRef } from "@/lib/api/log-viewer";
import { isUnauthorized, redirectToLogin } from "@/lib/api/session-expiry";
import type { FollowState } from "@/lib/schemas/log-follow";
import { EMPTY_LIVE, mergeLive, type LiveBuffer } from "./live-buffer";
import { useLogFollow } from "./use-log-follow";

/** How often a follower polls (reads only; the server decides when to publish). */
export const FOLLOW_POLL_MS = 2_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A random id per viewer: the server knows when the last follower of a log has left. */
function newFollowerId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export interface FollowInfo {
  mode: FollowState["mode"];
  nextPublish?: string;
  lastPublished?: { reason: NonNullable<FollowState["published_now"]>; at: number };
}

export interface FollowSessionOptions {
  following: boolean;
  setFollowing: (on: boolean) => void;
  /** The published size after a poll: the viewer appends published lines from it. */
  onPublished: (publishedBytes: number) => Promise<void>;
  setError: (error: string | null) => void;
}

/**
 * Follow's conversation with the server: polls the follow route, keeps the live lines (not yet
 * published), asks before it enables a Disabled log, stops and says so when someone disables it,
 * and tells the server when this viewer leaves (so what is pending gets published).
 */
export function useFollowSession(log: LogRef, options: FollowSessionOptions) {
  const { following, setFollowing, onPublished, setError } = options;
  const [follower] = useState(newFollowerId);
  const [live, setLive] = useState<LiveBuffer>(EMPTY_LIVE);
  const [info, setInfo] = useState<FollowInfo | null>(null);
  const [askEnable, setAskEnable] = useState(false);
  const liveRef = useRef(live);
  const enableNext = useRef(false);
  const answered = useRef(false);

  const tick = useCallback(async () => {
    try {
      const from = liveRef.current.to || undefined;
      const enable = enableNext.current || undefined;
      const state = await pollFollow(log, { follower, from, enable });
      enableNext.current = false;
      if (state.state === "disabled") {
        setFollowing(false);
        if (answered.current) {
          setError(
            "Follow stopped: this log was disabled meanwhile. Follow does not turn it back on; enable it to follow again.",
          );
        } else setAskEnable(true);
        return;
      }
      answered.current = true;
      liveRef.current = mergeLive(liveRef.current, state.live, state.log.published);
      setLive(liveRef.current);
      setInfo((previous) => ({
        mode: state.mode,
        nextPublish: state.next_publish,
        lastPublished: state.published_now
          ? { reason: state.published_now, at: Date.now() }
          : previous?.lastPublished,
      }));
      setError(null);
      await onPublished(state.log.published);
    } catch (failure) {
      if (isUnauthorized(failure)) return redirectToLogin();
      setError(`Follow stopped: ${message(failure)}`);
      setFollowing(false);
    }
  }, [log, follower, onPublished, setError, setFollowing]);

  const { paused } = useLogFollow(following, tick, FOLLOW_POLL_MS);
  const latestOnPublished = useRef(onPublished);
  useEffect(() => {
    latestOnPublished.current = onPublished;
  }, [onPublished]);

  // Leaving (Follow off, another page, tab closed): the server publishes what is pending.
  useEffect(() => {
    if (!following) return;
    const leave = () => void leaveFollow(log, follower);
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      // What was live is published now: the viewer shows it as published lines.
      void leaveFollow(log, follower).then(
        (state) => state && latestOnPublished.current(state.log.published),
      );
      answered.current = false;
      liveRef.current = EMPTY_LIVE;
      setLive(EMPTY_LIVE);
      setInfo(null);
    };
  }, [following, log, follower]);

  /** The person agreed that following enables the log. */
  const confirmEnable = useCallback(() => {
    enableNext.current = true;
    setAskEnable(false);
    setFollowing(true);
  }, [setFollowing]);

  return { paused, live, info, askEnable, setAskEnable, confirmEnable };
}
