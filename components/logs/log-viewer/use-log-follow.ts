"use client";

import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from "react";

/** Default pause between two runs of a polling loop. */
export const FOLLOW_INTERVAL_MS = 2_500;

const subscribe = (onChange: () => void) => {
  document.addEventListener("visibilitychange", onChange);
  return () => document.removeEventListener("visibilitychange", onChange);
};

/** Whether the page is on screen (a hidden tab or minimised window is not). */
export function usePageVisible(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => document.visibilityState === "visible",
    () => true,
  );
}

/**
 * Runs `tick` now and then every `intervalMs` after the previous tick finished (never two at once)
 * while `enabled` and the page is visible; stops on unmount. Answers whether Follow is paused.
 */
export function useLogFollow(enabled: boolean, tick: () => Promise<void>, intervalMs = FOLLOW_INTERVAL_MS) {
  const visible = usePageVisible();
  const latestTick = useRef(tick);
  useLayoutEffect(() => {
    latestTick.current = tick;
  }, [tick]);

  useEffect(() => {
    if (!enabled || !visible) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      await latestTick.current().catch(() => undefined);
      if (!stopped) timer = setTimeout(() => void loop(), intervalMs);
    };
    void loop();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [enabled, visible, intervalMs]);

  return { paused: enabled && !visible };
}
