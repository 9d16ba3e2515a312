import type { FilterLine } from "@/lib/schemas/log-filter";

/** A row of the filtered view: a line, or the mark of lines left out between two groups. */
export type FilterRow = ({ kind: "line" } & FilterLine) | { kind: "gap"; skipped: number };

/**
 * Appends lines (in log order) to the rows, with a gap row wherever a line does not follow the one
 * before. Returns a new array (React state) sharing nothing mutable with the old one.
 */
export function appendRows(rows: readonly FilterRow[], lines: readonly FilterLine[]): FilterRow[] {
  const next = rows.slice();
  let previous = lastLine(rows);
  for (const line of lines) {
    if (line.line > previous + 1) next.push({ kind: "gap", skipped: line.line - previous - 1 });
    next.push({ kind: "line", ...line });
    previous = line.line;
  }
  return next;
}

function lastLine(rows: readonly FilterRow[]): number {
  for (let at = rows.length - 1; at >= 0; at -= 1) {
    const row = rows[at]!;
    if (row.kind === "line") return row.line;
  }
  return 0;
}

/** The row to show first when a filter opens with the full view at `line`: that line, or the next one. */
export function rowNear(rows: readonly FilterRow[], line: number): number {
  const index = rows.findIndex((row) => row.kind === "line" && row.line >= line);
  return index === -1 ? Math.max(0, rows.length - 1) : index;
}

/**
 * The row of the line nearest to `line` (the one before it when equally near), once that is known:
 * a later line has arrived, or the scan is `complete`. Null while it may still change.
 */
export function nearestRow(rows: readonly FilterRow[], line: number, complete: boolean): number | null {
  const after = rows.findIndex((row) => row.kind === "line" && row.line >= line);
  if (after === -1 && !complete) return null;
  const at = after === -1 ? rows.length : after;
  let before = at - 1;
  while (before >= 0 && rows[before]!.kind !== "line") before -= 1;
  if (before < 0) return after === -1 ? null : after;
  if (after === -1) return before;
  const distance = (index: number) => Math.abs((rows[index] as { line: number }).line - line);
  return distance(before) <= distance(after) ? before : after;
}
