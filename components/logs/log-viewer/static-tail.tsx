"use client";

import type { ReactNode } from "react";
import { windowEnd, type LineWindow } from "./line-window";

/** More rows than the tallest log box holds; the ones above its top are cut off. */
const STATIC_ROWS = 80;

/**
 * The last lines as plain rows, bottom-aligned, for the page's server-rendered HTML: they are on screen
 * before the scripts run. The virtualized list (which needs to measure the screen) replaces them once
 * the page has hydrated, at the same place.
 */
export function StaticTail({ window, row }: { window: LineWindow; row: (line: number) => ReactNode }) {
  const last = windowEnd(window);
  const first = Math.max(window.first, last - STATIC_ROWS + 1);
  const lines = Array.from({ length: Math.max(0, last - first + 1) }, (_, index) => first + index);
  return (
    <div className="flex h-full flex-col justify-end overflow-hidden">
      {lines.map((line) => (
        <div key={line} className="shrink-0">
          {row(line)}
        </div>
      ))}
      {/* The list's footer row (EdgeStatus), so the lines do not move when the list takes over. */}
      <div aria-hidden className="h-6 shrink-0" />
    </div>
  );
}
