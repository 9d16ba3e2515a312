import type { ReactNode } from "react";

/** Enough rows to fill the tallest log region; the rest of the window waits for the virtualized list. */
const FIRST_PAINT_ROWS = 120;

export interface FirstPaintLinesProps {
  /** Number of the window's first line, and how many lines it holds. */
  first: number;
  count: number;
  /** One row, exactly as the virtualized list draws it. */
  row: (line: number) => ReactNode;
}

/**
 * The window's last lines as plain rows, bottom-aligned: what the server renders and the page shows
 * before its scripts run, so the end of the log is on screen with the HTML. The virtualized list takes
 * over once the page has hydrated.
 */
export function FirstPaintLines({ first, count, row }: FirstPaintLinesProps) {
  const from = first + Math.max(0, count - FIRST_PAINT_ROWS);
  const lines = Array.from({ length: first + count - from }, (_, i) => from + i);
  return (
    <div className="flex h-full flex-col justify-end overflow-hidden">
      {lines.map((line) => (
        <div key={line}>{row(line)}</div>
      ))}
    </div>
  );
}
