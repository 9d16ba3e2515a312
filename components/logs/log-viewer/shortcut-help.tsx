"use client";

import { Keyboard } from "lucide-react";
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { VIEWER_SHORTCUTS } from "./use-viewer-shortcuts";

export interface ShortcutHelpProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** A "?" button with the viewer's keyboard shortcuts in a small popover (Esc or a click outside closes it). */
export function ShortcutHelp({ open, onOpenChange }: ShortcutHelpProps) {
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onOpenChange(false);
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) onOpenChange(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, onOpenChange]);

  return (
    <div ref={root} className="relative">
      <Button
        size="sm"
        variant="ghost"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => onOpenChange(!open)}
        title="Keyboard shortcuts (?)"
      >
        <Keyboard aria-hidden />
        <span className="sr-only">Keyboard shortcuts</span>
      </Button>
      {open ? (
        <div
          id={panelId}
          role="dialog"
          aria-label="Keyboard shortcuts"
          className="absolute right-0 z-30 mt-1 w-56 rounded-md border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <p className="mb-2 font-medium">Keyboard shortcuts</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {VIEWER_SHORTCUTS.map((shortcut) => (
              <div key={shortcut.keys} className="contents">
                <dt>
                  <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 font-mono text-xs dark:border-zinc-600 dark:bg-zinc-800">
                    {shortcut.keys}
                  </kbd>
                </dt>
                <dd className="text-zinc-700 dark:text-zinc-300">{shortcut.what}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">Not while typing in a field.</p>
        </div>
      ) : null}
    </div>
  );
}
