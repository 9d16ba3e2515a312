"use client";

import { useEffect, useLayoutEffect, useRef } from "react";

export interface ViewerShortcutHandlers {
  focusSearch: () => void;
  nextMatch: () => void;
  previousMatch: () => void;
  nextError: () => void;
  previousError: () => void;
  jumpToStart: () => void;
  jumpToEnd: () => void;
  toggleFollow: () => void;
  toggleHelp: () => void;
}

/** The keys, for the help popover (and tooltips). */
export const VIEWER_SHORTCUTS: ReadonlyArray<{ keys: string; what: string }> = [
  { keys: "/", what: "Search" },
  { keys: "n", what: "Next match" },
  { keys: "N", what: "Previous match" },
  { keys: "e", what: "Next error" },
  { keys: "E", what: "Previous error" },
  { keys: "g", what: "Jump to start" },
  { keys: "G", what: "Jump to end" },
  { keys: "f", what: "Follow on / off" },
  { keys: "?", what: "Show these shortcuts" },
  { keys: "Home / End", what: "Start / end of the log" },
  { keys: "PgUp / PgDn", what: "Scroll a page" },
  { keys: "Esc", what: "From the search back to the log" },
];

const KEY_TO_HANDLER: Record<string, keyof ViewerShortcutHandlers> = {
  "/": "focusSearch",
  n: "nextMatch",
  N: "previousMatch",
  e: "nextError",
  E: "previousError",
  g: "jumpToStart",
  G: "jumpToEnd",
  f: "toggleFollow",
  "?": "toggleHelp",
  // The whole log's ends, not the loaded window's (where the list's own Home/End would stop).
  Home: "jumpToStart",
  End: "jumpToEnd",
};

/** Typing in a field (search box, line number, N lines) must not trigger shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  return false;
}

/** The viewer's single-key shortcuts, active while focus is not in a text field. */
export function useViewerShortcuts(handlers: ViewerShortcutHandlers) {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      const handler = KEY_TO_HANDLER[event.key];
      if (!handler) return;
      event.preventDefault();
      latest.current[handler]();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
