"use client";

import { useCallback, useState } from "react";
import { Virtuoso } from "react-virtuoso";
import { cn } from "@/lib/utils";
import { nearestRow, type FilterRow } from "./filter-rows";
import { ROW_HEIGHT } from "./log-line";
import { SeverityMark } from "./severity-mark";

export interface FilteredViewProps {
  rows: readonly FilterRow[];
  /** Open at the match nearest to this line (the top of the full view), once it is known. */
  anchorLine: number | null;
  /** The scan has ended: no more rows will come. */
  complete: boolean;
  /** The line at the top of the filtered view as it scrolls (a new filter opens near it). */
  onTopLine: (line: number) => void;
  wrap: boolean;
  gutter: number;
  lineHref: (line: number) => string;
  /** Back to the full log at this line. */
  onShowInFull: (line: number) => void;
}

/**
 * Only the matching lines (whole entries, context lines dimmed), virtualized like the full view, each
 * with its real line number; a row between groups says how many lines are left out. A click on a line
 * number opens the full log there.
 */
export function FilteredView({
  rows,
  anchorLine,
  complete,
  onTopLine,
  wrap,
  gutter,
  lineHref,
  onShowInFull,
}: FilteredViewProps) {
  // Opened once at the match nearest to the anchor, as soon as no later match can be nearer (the list
  // mounts there: a scroll asked of a list that has not measured itself yet is lost); the reader's own
  // scrolling wins after that.
  const [start, setStart] = useState<number | null>(anchorLine === null || anchorLine <= 1 ? 0 : null);
  if (start === null && anchorLine !== null) {
    const index = nearestRow(rows, anchorLine, complete);
    if (index !== null || complete) setStart(index ?? 0); // settled while rendering: React renders again at once
  }
  const rangeChanged = useCallback(
    ({ startIndex }: { startIndex: number }) => {
      const row = rows.slice(startIndex).find((candidate) => candidate.kind === "line");
      if (row?.kind === "line") onTopLine(row.line);
    },
    [rows, onTopLine],
  );
  const itemContent = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row) return <div className="h-5" />;
      if (row.kind === "gap")
        return (
          <div
            data-gap={row.skipped}
            className="flex h-5 items-center border-y border-dashed border-zinc-200 bg-zinc-50 pl-2 text-[11px] text-zinc-500 select-none dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
          >
            ⋯ {row.skipped.toLocaleString("en-US")} {row.skipped === 1 ? "line" : "lines"} not shown
          </div>
        );
      return (
        <div
          data-line={row.line}
          data-match={row.match ? "true" : "false"}
          className={cn(
            "flex min-w-full font-mono text-[13px] leading-5 hover:bg-zinc-100 dark:hover:bg-zinc-900",
            wrap ? "min-h-5" : "h-5 w-max",
            !row.match && "text-zinc-500 dark:text-zinc-500",
          )}
        >
          <a
            href={lineHref(row.line)}
            onClick={(event) => {
              if (event.button !== 0 || event.metaKey || event.ctrlKey) return;
              event.preventDefault();
              onShowInFull(row.line);
            }}
            title={`Show line ${row.line} in the full log`}
            style={{ width: `${gutter + 2}ch` }}
            className="sticky left-0 shrink-0 bg-white pr-3 pl-1 text-right text-zinc-400 tabular-nums select-none hover:text-sky-700 hover:underline dark:bg-zinc-950 dark:text-zinc-500 dark:hover:text-sky-300"
          >
            {row.line}
          </a>
          <SeverityMark severity={row.severity} />
          <span
            className={cn("pr-4", wrap ? "min-w-0 flex-1 break-all whitespace-pre-wrap" : "whitespace-pre")}
          >
            {row.text}
          </span>
        </div>
      );
    },
    [rows, wrap, gutter, lineHref, onShowInFull],
  );
  if (start === null) return <div className="h-full" aria-busy="true" data-testid="filtered-lines" />;
  return (
    <Virtuoso
      initialTopMostItemIndex={start}
      className="h-full outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset"
      data-testid="filtered-lines"
      totalCount={rows.length}
      rangeChanged={rangeChanged}
      itemContent={itemContent}
      fixedItemHeight={wrap ? undefined : ROW_HEIGHT}
      defaultItemHeight={ROW_HEIGHT}
      increaseViewportBy={{ top: 10 * ROW_HEIGHT, bottom: 10 * ROW_HEIGHT }}
    />
  );
}
