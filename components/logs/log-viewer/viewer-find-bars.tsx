"use client";

import type { RefObject } from "react";
import { LogFilterBar } from "./log-filter-bar";
import { focusLogLines } from "./log-focus";
import { LogSearchBox } from "./log-search-box";
import type { useViewerFilter } from "./use-viewer-filter";
import type { useViewerNavigation } from "./use-viewer-navigation";
import type { useViewerSearch } from "./use-viewer-search";

export interface ViewerFindBarsProps {
  search: ReturnType<typeof useViewerSearch>;
  filter: ReturnType<typeof useViewerFilter>;
  nav: ReturnType<typeof useViewerNavigation>;
  disabled: boolean;
  searchInput: RefObject<HTMLInputElement | null>;
  /** Where Escape in the search box sends the focus. */
  logRegion: RefObject<HTMLDivElement | null>;
}

/** The two ways to find lines: search (matches marked in the full log) and filter (only matching lines). */
export function ViewerFindBars({
  search,
  filter,
  nav,
  disabled,
  searchInput,
  logRegion,
}: ViewerFindBarsProps) {
  return (
    <>
      <LogSearchBox
        active={search.spec}
        inputRef={searchInput}
        disabled={disabled}
        countLabel={search.countLabel}
        progress={search.progress}
        error={search.results.error}
        canStep={search.results.lines.length > 0}
        onSearch={search.search}
        onClear={search.clear}
        onNext={search.next}
        onPrevious={search.previous}
        onLeave={() => focusLogLines(logRegion.current)}
      />
      <LogFilterBar
        key={filter.active ? "filtering" : "full"} // back in the full log: closed, fresh
        active={filter.active}
        state={filter.state}
        disabled={disabled}
        onApply={filter.apply}
        onClose={() => filter.showInFull(nav.visible.current.first || undefined)}
      />
    </>
  );
}
