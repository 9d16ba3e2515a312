"use client";

import { useCallback, useRef, useState, type RefObject } from "react";
import { Virtuoso, type ListRange, type VirtuosoHandle } from "react-virtuoso";
import { lineSeverity, type LogFormat } from "@/lib/log-format";
import { lineText, windowEnd, type LineWindow } from "./line-window";
import { LogLine, ROW_HEIGHT } from "./log-line";
import type { Anchor, Edge, LoaderState } from "./log-window-state";
import type { SearchMatcher } from "./processing";
import type { LineRange } from "./use-viewer-navigation";
import { EdgeStatus } from "./edge-status";
import { StaticTail } from "./static-tail";
import { useBottomPin } from "./use-bottom-pin";
import { useHydrated } from "./use-hydrated";
import { useInitialPosition } from "./use-initial-position";

export interface LogViewerProps {
  window: LineWindow;
  /** Changes when a new window replaces the old one (or the view is re-anchored): the list remounts at `anchor`. */
  generation: number;
  anchor: Anchor;
  top: LoaderState;
  bottom: LoaderState;
  edgeError: string | null;
  wrap: boolean;
  following: boolean;
  matcher: SearchMatcher | null;
  /** The log's format: lines that state a severity get a mark (none for formats without severities). */
  format: LogFormat | null;
  highlightLine: LineRange | null;
  /** Digits of the largest line number (gutter width). */
  gutter: number;
  listRef: RefObject<VirtuosoHandle | null>;
  /** Given the list's scrolling element. */
  scrollerRef: RefObject<HTMLElement | null>;
  lineHref: (line: number) => string;
  onSelectLine: (line: number, extend: boolean) => void;
  onRangeChange: (firstLine: number, lastLine: number) => void;
  onAtBottomChange: (atBottom: boolean) => void;
  onLoadEdge: (edge: Edge, retry?: boolean) => void;
}

export interface ViewerContext {
  top: LoaderState;
  bottom: LoaderState;
  edgeError: string | null;
  onLoadEdge: (edge: Edge, retry?: boolean) => void;
}

const Header = ({ context }: { context: ViewerContext }) => <EdgeStatus edge="top" {...context} />;
const Footer = ({ context }: { context: ViewerContext }) => <EdgeStatus edge="bottom" {...context} />;
const components = { Header, Footer };

/** Formats that state severities get a mark column (blank on lines that state none). */
const withSeverity = (format: LogFormat | null, text: string | undefined) =>
  format && SEVERITY_FORMATS.has(format)
    ? text === undefined
      ? null
      : (lineSeverity(format, text) ?? null)
    : undefined;
const SEVERITY_FORMATS = new Set<LogFormat>(["mysql-error", "postgresql", "oslo"]);

/** Within this of its end the list counts as at the bottom (its footer row and a little more). */
const BOTTOM_THRESHOLD = 2 * ROW_HEIGHT;

/**
 * PageUp/PageDown need the focus in the list: it takes it when it is ready (and again when a jump
 * remounts it), unless the user is somewhere else already (typing in a field, on a button).
 */
function takeFocus(scroller: HTMLElement | null) {
  const active = document.activeElement;
  if (scroller && (!active || active === document.body)) scroller.focus({ preventScroll: true });
}

/**
 * The lines of the window, virtualized: item index = line number (firstItemIndex = window.first), so
 * prepending keeps the scroll position. Rows have a fixed height unless lines wrap.
 */
export function LogViewer(props: LogViewerProps) {
  const {
    window,
    generation,
    anchor,
    top,
    bottom,
    edgeError,
    wrap,
    following,
    matcher,
    format,
    highlightLine,
    gutter,
  } = props;
  const { listRef, scrollerRef, lineHref, onSelectLine, onRangeChange, onAtBottomChange, onLoadEdge } = props;
  const itemContent = useCallback(
    (line: number) => (
      <LogLine
        number={line}
        text={lineText(window, line) ?? ""}
        severity={withSeverity(format, lineText(window, line))}
        matcher={matcher}
        highlighted={!!highlightLine && line >= highlightLine.first && line <= highlightLine.last}
        wrap={wrap}
        gutter={gutter}
        href={lineHref(line)}
        onSelect={onSelectLine}
        paintMark={line === windowEnd(window) ? "viewer-last-line" : undefined}
      />
    ),
    [window, matcher, format, highlightLine, wrap, gutter, lineHref, onSelectLine],
  );
  // The list takes the focus once it has placed itself (its first range): a key pressed before that
  // would be undone by its initial positioning.
  const focused = useRef(false);
  const { initial, checkPlace } = useInitialPosition(listRef, generation, anchor, window);
  const rangeChanged = useCallback(
    (range: ListRange) => {
      checkPlace(range, window);
      if (!focused.current) {
        focused.current = true;
        takeFocus(scrollerRef.current);
      }
      onRangeChange(range.startIndex, range.endIndex);
    },
    [onRangeChange, checkPlace, window, scrollerRef],
  );
  const pinBottom = useBottomPin(BOTTOM_THRESHOLD);
  const setScroller = useCallback(
    (element: HTMLElement | Window | null) => {
      focused.current = false; // a new list (a jump remounts it) takes the focus again
      scrollerRef.current = element instanceof HTMLElement ? element : null;
      pinBottom(element);
    },
    [pinBottom, scrollerRef],
  );

  // Wrapped rows are taller than the estimate the list opened with: a view opened at the end is put back
  // there as they are measured, for a moment after it opens (later, the position is the reader's).
  const [openedAt] = useState(() => ({ generation, at: performance.now() }));
  const settleAtEnd = () => {
    if (!wrap || initial.align !== "end" || openedAt.generation !== generation) return;
    if (performance.now() - openedAt.at < 2_000)
      listRef.current?.scrollToIndex({ index: "LAST", align: "end" });
  };

  const hydrated = useHydrated();
  if (!hydrated && initial.align === "end") return <StaticTail window={window} row={itemContent} />;

  return (
    <Virtuoso
      key={generation}
      ref={listRef}
      scrollerRef={setScroller}
      className="h-full outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset"
      firstItemIndex={window.first}
      totalCount={window.lines.length}
      initialTopMostItemIndex={initial}
      itemContent={itemContent}
      computeItemKey={(line) => line}
      fixedItemHeight={wrap ? undefined : ROW_HEIGHT}
      defaultItemHeight={ROW_HEIGHT}
      increaseViewportBy={{ top: 10 * ROW_HEIGHT, bottom: 10 * ROW_HEIGHT }}
      followOutput={following ? (atBottom) => (atBottom ? "auto" : false) : false}
      atBottomThreshold={BOTTOM_THRESHOLD}
      atBottomStateChange={onAtBottomChange}
      totalListHeightChanged={settleAtEnd}
      rangeChanged={rangeChanged}
      startReached={() => onLoadEdge("top")}
      endReached={() => onLoadEdge("bottom")}
      components={components}
      context={{ top, bottom, edgeError, onLoadEdge }}
    />
  );
}
