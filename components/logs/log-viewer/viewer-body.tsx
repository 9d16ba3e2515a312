"use client";

import type { ReactNode } from "react";
import { ErrorState } from "@/components/common/error-state";
import { isForbidden } from "@/lib/api/log-viewer";
import type { LogDetails } from "@/lib/schemas/log-view";
import { windowEnd } from "./line-window";
import { FilteredView } from "./filtered-view";
import { LogViewer } from "./log-viewer";
import type { SearchMatcher } from "./processing";
import type { useLogWindow } from "./use-log-window";
import type { useViewerFilter } from "./use-viewer-filter";
import type { useViewerNavigation } from "./use-viewer-navigation";
import type { useViewerPublishing } from "./use-viewer-publishing";
import { CopyNotHere, LogSkeleton, NothingPublished } from "./viewer-states";

export interface ViewerBodyProps {
  logName: string;
  win: ReturnType<typeof useLogWindow>;
  nav: ReturnType<typeof useViewerNavigation>;
  publishing: ReturnType<typeof useViewerPublishing>;
  filter: ReturnType<typeof useViewerFilter>;
  /** The log list (for this log's row): tells "no such log" and "nothing published" apart. */
  details: { row?: LogDetails; isSuccess: boolean; isError: boolean; error: Error | null };
  matcher: SearchMatcher | null;
  wrap: boolean;
  lineHref: (line: number) => string;
  onRangeChange: (first: number, last: number) => void;
  /** Runs an action that publishes, after asking when the copy goes to the caller's own account. */
  guard: (action: () => void) => void;
  /** The publish button's label ("Publish now", or "Enable & publish" for a disabled log). */
  enables: (plain: string) => string;
}

const note = (text: string) => <p className="p-6 text-sm text-zinc-600 dark:text-zinc-400">{text}</p>;

/** What the log region shows: loading, an error, nothing published, the filtered lines, or the lines. */
export function ViewerBody(props: ViewerBodyProps): ReactNode {
  const { logName, win, nav, publishing, filter, details, wrap, lineHref, guard, enables } = props;
  const { state } = win;
  const ready = state.status === "ready";
  const unknownLog = state.status === "unpublished" && details.isSuccess && !details.row;
  // Its lines' 404 was about the instance (unknown, or another project's): not "nothing published".
  const listFailed = state.status === "unpublished" && details.isError;
  const gutter = String(Math.max(state.total, windowEnd(state.window))).length;

  if (state.status === "loading") return <LogSkeleton />;
  if (state.status === "error" && isForbidden(state.error) && state.error)
    return <ErrorState title="403 — You may not view this log" error={state.error} />;
  if (unknownLog || listFailed || state.status === "error")
    return (
      <ErrorState
        title={unknownLog ? `This instance has no log named ${logName}` : "Could not load the log"}
        error={(listFailed ? details.error : state.error) ?? new Error("Unknown error")}
        onRetry={() => void win.openTail()}
        retrying={state.resetting}
      />
    );
  if (state.status === "unpublished" && details.row && details.row.published > 0)
    return (
      <CopyNotHere
        reason={state.error?.message ?? "The published copy is not in the object store this viewer reads."}
        onFullCopy={() => guard(() => publishing.fullCopy.mutate())}
        copying={publishing.fullCopy.isPending}
        error={publishing.error}
      />
    );
  if (state.status === "unpublished")
    return (
      <NothingPublished
        name={logName}
        action={enables("Publish now")}
        onPublish={() => guard(publishing.publishOnce)}
        publishing={publishing.publish.isPending}
        error={publishing.error}
      />
    );
  if (filter.active && ready)
    return filter.state.status === "done" && filter.state.rows.length === 0 ? (
      note("No lines match this filter.")
    ) : (
      <FilteredView
        key={JSON.stringify(filter.active)} // a new filter: a new list, placed anew
        rows={filter.state.rows}
        anchorLine={filter.anchorLine}
        complete={filter.state.status !== "scanning"}
        onTopLine={filter.onTopLine}
        wrap={wrap}
        gutter={gutter}
        lineHref={lineHref}
        onShowInFull={filter.showInFull}
      />
    );
  if (state.total === 0) return note("The published log is empty.");
  return (
    <LogViewer
      window={state.window}
      generation={state.generation}
      anchor={state.anchor}
      top={state.top}
      bottom={state.bottom}
      edgeError={state.error?.message ?? null}
      wrap={wrap}
      following={publishing.following}
      matcher={props.matcher}
      format={filter.format}
      highlightLine={nav.highlight}
      gutter={gutter}
      listRef={nav.listRef}
      scrollerRef={nav.scrollerRef}
      lineHref={lineHref}
      onSelectLine={nav.selectLine}
      onRangeChange={props.onRangeChange}
      onAtBottomChange={nav.onAtBottomChange}
      onLoadEdge={(edge, retry) => void win.loadEdge(edge, { retry })}
    />
  );
}
