"use client";

import { useCallback, useSyncExternalStore } from "react";

/** Where this browser remembers the choice ("1" wrap, "0" don't). */
export const WRAP_STORAGE_KEY = "trove-logs.viewer.wrap";
/** Without a choice, narrow screens wrap: long lines would need sideways scrolling there. */
export const NARROW_QUERY = "(max-width: 640px)";

const listeners = new Set<() => void>();
/** The choice when the browser blocks storage: kept for this page only. */
let unstored: string | null = null;

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  const narrow = window.matchMedia(NARROW_QUERY);
  window.addEventListener("storage", onChange); // another tab chose
  narrow.addEventListener("change", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
    narrow.removeEventListener("change", onChange);
  };
}

function stored(): string | null {
  try {
    return window.localStorage.getItem(WRAP_STORAGE_KEY);
  } catch {
    return unstored;
  }
}

const snapshot = () => {
  const choice = stored();
  return choice === null ? window.matchMedia(NARROW_QUERY).matches : choice === "1";
};

/** Whether the viewer wraps lines: remembered per browser, on by default on narrow screens. */
export function useWrapPreference(): [boolean, (update: boolean | ((wrap: boolean) => boolean)) => void] {
  const wrap = useSyncExternalStore(subscribe, snapshot, () => false);
  const setWrap = useCallback((update: boolean | ((wrap: boolean) => boolean)) => {
    const next = typeof update === "function" ? update(snapshot()) : update;
    unstored = next ? "1" : "0";
    try {
      window.localStorage.setItem(WRAP_STORAGE_KEY, unstored);
    } catch {
      // Blocked: applied to this page only.
    }
    for (const listener of listeners) listener();
  }, []);
  return [wrap, setWrap];
}
