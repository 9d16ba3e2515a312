"use client";

import { memo, type MouseEvent } from "react";
import type { Severity } from "@/lib/schemas/log-time";
import { cn } from "@/lib/utils";
import { displayText, isSlowQueryHeader, segmentLine, type Segment, type SearchMatcher } from "./processing";
import { SeverityMark } from "./severity-mark";

/** Row height of an unwrapped line (px); the list uses it as a fixed item height. */
export const ROW_HEIGHT = 20;
/** Longer lines are cut on screen (download or "Last N lines" has them whole). */
const MAX_DISPLAY_CHARS = 10_000;

const SEVERITY_CLASS = {
  error: "font-semibold text-red-700 dark:text-red-400",
  warn: "font-semibold text-amber-700 dark:text-amber-300",
  info: "text-zinc-500 dark:text-zinc-400",
} as const;

export interface LogLineProps {
  number: number;
  text: string;
  matcher: SearchMatcher | null;
  highlighted: boolean;
  wrap: boolean;
  /** Width of the line-number gutter, in characters. */
  gutter: number;
  href: string;
  /** A click selects the line; with Shift it extends the selection to a range. */
  onSelect: (line: number, extend: boolean) => void;
  /** The severity the line states, marked beside its number (null: none; undefined: its format has none). */
  severity?: Severity | null;
  /** Names the line's text for the Element Timing API (when it was painted can be measured). */
  paintMark?: string;
}

function SegmentSpan({ segment }: { segment: Segment }) {
  if (!segment.severity && !segment.match) return segment.text;
  return (
    <span
      className={cn(
        segment.severity && SEVERITY_CLASS[segment.severity],
        segment.match && "rounded-sm bg-yellow-200 text-zinc-900 dark:bg-yellow-500/70 dark:text-zinc-950",
      )}
    >
      {segment.text}
    </span>
  );
}

/** One log line: its number (a link to the line) and its text, painted. Memoized: rows re-render rarely. */
export const LogLine = memo(function LogLine(props: LogLineProps) {
  const { number, text, matcher, highlighted, wrap, gutter, href, onSelect, severity, paintMark } = props;
  const shown = displayText(text, MAX_DISPLAY_CHARS);
  const segments = segmentLine(shown.text, matcher);
  const select = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.altKey) return;
    event.preventDefault();
    onSelect(number, event.shiftKey);
  };
  return (
    <div
      data-line={number}
      aria-current={highlighted ? "true" : undefined}
      className={cn(
        "flex min-w-full font-mono text-[13px] leading-5",
        wrap ? "min-h-5" : "h-5 w-max",
        highlighted ? "bg-sky-100 dark:bg-sky-900/60" : "hover:bg-zinc-100 dark:hover:bg-zinc-900",
      )}
    >
      <a
        href={href}
        onClick={select}
        // Shift would also select the text in between.
        onMouseDown={(event) => event.shiftKey && event.preventDefault()}
        tabIndex={-1}
        title={`Link to line ${number}`}
        style={{ width: `${gutter + 2}ch` }}
        className={cn(
          "sticky left-0 shrink-0 pr-3 pl-1 text-right text-zinc-400 tabular-nums select-none hover:text-sky-700 hover:underline dark:text-zinc-500 dark:hover:text-sky-300",
          highlighted ? "bg-sky-100 dark:bg-sky-900" : "bg-white dark:bg-zinc-950",
        )}
      >
        {number}
      </a>
      {severity === undefined ? null : <SeverityMark severity={severity ?? undefined} />}
      <span
        {...(paintMark ? { elementtiming: paintMark } : {})}
        className={cn(
          "pr-4",
          wrap ? "min-w-0 flex-1 break-all whitespace-pre-wrap" : "whitespace-pre",
          isSlowQueryHeader(text) && "font-semibold text-sky-800 dark:text-sky-300",
        )}
      >
        {segments.map((segment, index) => (
          <SegmentSpan key={index} segment={segment} />
        ))}
        {shown.hidden > 0 ? (
          <span className="text-zinc-500 italic">
            {" "}
            … {shown.hidden.toLocaleString("en-US")} more characters
          </span>
        ) : null}
      </span>
    </div>
  );
});
