/**
 * The browser keeps a bounded, contiguous window of the log's lines. A line's id is its 1-based
 * number in the published log, which is also its react-virtuoso index (`firstItemIndex = first`),
 * so prepending N lines lowers `firstItemIndex` by N and the scroll position stays put.
 */

export interface LineWindow {
  /** Line number of lines[0] (1-based). */
  first: number;
  lines: readonly string[];
}

/** A server chunk, as `GET …/lines` answers it. */
export interface LineChunk {
  first_line: number;
  lines: readonly string[];
}

export interface LineRequest {
  fromLine: number;
  count: number;
}

export const EMPTY_WINDOW: LineWindow = { first: 1, lines: [] };

/** Number of the window's last line (first - 1 when empty). */
export const windowEnd = (window: LineWindow): number => window.first + window.lines.length - 1;

export const windowHas = (window: LineWindow, line: number): boolean =>
  line >= window.first && line <= windowEnd(window);

/** The text of line `line`, or undefined outside the window. */
export const lineText = (window: LineWindow, line: number): string | undefined =>
  window.lines[line - window.first];

/**
 * Adds a chunk to the window. A chunk that overlaps or touches the window joins it (its lines win:
 * a re-read unfinished last line replaces the old one); a chunk with a gap replaces the window.
 * Past `max` lines the window is cut to `keepAfterTrim` lines, dropping the end away from `keep`.
 */
export function mergeChunk(
  window: LineWindow,
  chunk: LineChunk,
  keep: "start" | "end",
  max: number,
  keepAfterTrim = max,
): LineWindow {
  let merged: LineWindow;
  const chunkEnd = chunk.first_line + chunk.lines.length - 1;
  if (chunk.lines.length === 0) merged = window;
  else if (
    window.lines.length === 0 ||
    chunk.first_line > windowEnd(window) + 1 ||
    chunkEnd < window.first - 1
  )
    merged = { first: chunk.first_line, lines: chunk.lines };
  else {
    const first = Math.min(window.first, chunk.first_line);
    const before = window.lines.slice(0, Math.max(0, chunk.first_line - window.first));
    const after = window.lines.slice(Math.max(0, chunkEnd + 1 - window.first));
    merged = { first, lines: [...before, ...chunk.lines, ...after] };
  }
  return trimWindow(merged, keep, max, keepAfterTrim);
}

/** Cuts a window longer than `max` down to `keepAfterTrim` lines, keeping its `keep` end. */
export function trimWindow(
  window: LineWindow,
  keep: "start" | "end",
  max: number,
  keepAfterTrim = max,
): LineWindow {
  if (window.lines.length <= max) return window;
  const size = Math.min(max, keepAfterTrim);
  if (keep === "start") return { first: window.first, lines: window.lines.slice(0, size) };
  const drop = window.lines.length - size;
  return { first: window.first + drop, lines: window.lines.slice(drop) };
}

/** The chunk just before the window, or null at the log's start. */
export function earlierRequest(window: LineWindow, chunk: number): LineRequest | null {
  if (window.first <= 1) return null;
  const fromLine = Math.max(1, window.first - chunk);
  return { fromLine, count: window.first - fromLine };
}

/**
 * The chunk just after the window, or null when the window already ends at the log's end. An
 * unfinished last line is read again, since a later publish may have completed it.
 */
export function laterRequest(
  window: LineWindow,
  total: number,
  lastLineComplete: boolean,
  chunk: number,
): LineRequest | null {
  const end = windowEnd(window);
  if (end < total) return { fromLine: end + 1, count: chunk };
  if (!lastLineComplete && end >= 1 && end === total) return { fromLine: end, count: chunk };
  return null;
}

/** A chunk centred on `line` (for ?line=N, go to line and search matches outside the window). */
export function aroundRequest(line: number, chunk: number): LineRequest {
  const fromLine = Math.max(1, line - Math.floor(chunk / 2));
  return { fromLine, count: chunk };
}

/** Clamps a wanted line number to the log (1 … total), or null if it is not a number. */
export function clampLine(value: number, total: number): number | null {
  if (!Number.isFinite(value)) return null;
  return Math.min(Math.max(1, Math.trunc(value)), Math.max(1, total));
}
