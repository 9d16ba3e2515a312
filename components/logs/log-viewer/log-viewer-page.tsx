"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowDown, LoaderCircle } from "lucide-react";
import { useCallback, useId, useMemo, useRef, useState } from "react";
import { ErrorState } from "@/components/common/error-state";
import { Button } from "@/components/ui/button";
import { isForbidden, type LogRef } from "@/lib/api/log-viewer";
import { logsQueryOptions } from "@/lib/api/logs";
import { publishActionLabel } from "@/lib/log-actions";
import { paths, type LogViewerUrlState, type Scope } from "@/lib/paths";
import { windowEnd } from "./line-window";
import { FilteredView } from "./filtered-view";
import { LineCopy } from "./line-copy";
import { LogFilterBar } from "./log-filter-bar";
import { focusLogLines } from "./log-focus";
import { LogSearchBox } from "./log-search-box";
import { LogTimeline } from "./log-timeline";
import { LogViewer } from "./log-viewer";
import { LogViewerHeader } from "./log-viewer-header";
import { LogViewerToolbar } from "./log-viewer-toolbar";
import { TailTextView } from "./tail-text-view";
import { TimeJumpField, TimeJumpNoteLine } from "./time-jump-field";
import { useLogWindow } from "./use-log-window";
import { usePublishedWatch } from "./use-published-watch";
import { useTimeJump } from "./use-time-jump";
import { useViewerFilter } from "./use-viewer-filter";
import { useViewerNavigation } from "./use-viewer-navigation";
import { useViewerPublishing } from "./use-viewer-publishing";
import { useViewerSearch } from "./use-viewer-search";
import { useViewerShortcuts } from "./use-viewer-shortcuts";
import { useReturnTop, useTopLineUrl } from "./use-top-line-url";
import { useViewerUrl } from "./use-viewer-url";
import { useWrapPreference } from "./use-wrap-preference";
import { CopyNotHere, LogSkeleton, NothingPublished } from "./viewer-states";
import { FollowEnableDialog, FollowPanel } from "./follow-panel";
import { useOwnAccountPublishGuard } from "../own-account-publish";

export interface LogViewerPageProps {
  scope: Scope;
  instanceId: string;
  logName: string;
  /** From the URL: ?line=N opens there, ?t= at a time, ?q=… runs a search. */
  initial: LogViewerUrlState;
}

/** The log viewer page: header, toolbar, search, optional plain-text tail, and the lines. */
export function LogViewerPage({ scope, instanceId, logName, initial }: LogViewerPageProps) {
  const log: LogRef = useMemo(() => ({ scope, id: instanceId, name: logName }), [scope, instanceId, logName]);
  const replaceUrl = useViewerUrl(log, initial);
  const onLine = useCallback(
    (line: number, lineEnd?: number) => replaceUrl({ line, lineEnd, t: undefined }),
    [replaceUrl],
  );
  const returnTop = useReturnTop(initial.top);
  const win = useLogWindow(log, initial.line, {
    deferOpen: Boolean(initial.t) && !initial.line,
    initialTop: returnTop,
  });
  const nav = useViewerNavigation(win, initial.line, onLine, initial.lineEnd);
  const timeJump = useTimeJump(log, win, nav, replaceUrl, initial);
  const trackTop = useTopLineUrl(replaceUrl, nav.atBottomRef, nav.highlight);
  const navRangeChange = nav.onRangeChange;
  const onRangeChange = useCallback(
    (first: number, last: number) => {
      navRangeChange(first, last);
      trackTop(first, last);
    },
    [navRangeChange, trackTop],
  );
  const publishing = useViewerPublishing(log, win, nav);
  const search = useViewerSearch(log, initial, nav, replaceUrl);
  const filter = useViewerFilter(log, initial, win, nav, replaceUrl);
  const unseen = usePublishedWatch(log, win, publishing.following);
  const details = useQuery(logsQueryOptions(scope, instanceId));
  const row = details.data?.find((entry) => entry.name === logName);
  const ownAccount = useOwnAccountPublishGuard(row?.copy_account === "yours");
  const publishNow = () => ownAccount.guard(publishing.publishOnce);
  const enables = (plain: string) => (row ? publishActionLabel(row, plain) : plain);
  const toggleFollow = () =>
    publishing.following ? publishing.toggleFollow() : ownAccount.guard(publishing.toggleFollow);
  const [wrap, setWrap] = useWrapPreference();
  const [tailOpen, setTailOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const logRegion = useRef<HTMLDivElement>(null);
  const tailPanelId = useId();
  const { state } = win;
  const ready = state.status === "ready";

  const toggleWrap = () => {
    const top = nav.visible.current.first || state.window.first;
    win.reanchor({ line: top, align: "start" });
    setWrap((value) => !value);
  };
  useViewerShortcuts({
    focusSearch: () => {
      searchInput.current?.focus();
      searchInput.current?.select();
    },
    nextMatch: search.next,
    previousMatch: search.previous,
    nextError: () => void filter.stepError(1),
    previousError: () => void filter.stepError(-1),
    jumpToStart: nav.jumpToStart,
    jumpToEnd: nav.jumpToEnd,
    toggleFollow,
    toggleHelp: () => setHelpOpen((open) => !open),
  });

  const lineHref = useCallback(
    (line: number) => paths.logViewer(scope, instanceId, logName, { line }),
    [scope, instanceId, logName],
  );
  const unknownLog = state.status === "unpublished" && details.isSuccess && !row;
  // Its lines' 404 was about the instance (unknown, or another project's): not "nothing published".
  const listFailed = state.status === "unpublished" && details.isError;
  const followNew = nav.totalWhenLeft === null ? 0 : Math.max(0, state.total - nav.totalWhenLeft);
  const newLines = publishing.following ? followNew : unseen;
  const denied = state.status === "error" && isForbidden(state.error);
  // Without Follow, lines published elsewhere are offered, not loaded under the reader's eyes.
  const showJump = ready && (publishing.following ? !nav.atBottom : unseen > 0);

  let body;
  if (state.status === "loading") body = <LogSkeleton />;
  else if (denied && state.error)
    body = <ErrorState title="403 — You may not view this log" error={state.error} />;
  else if (unknownLog || listFailed || state.status === "error")
    body = (
      <ErrorState
        title={unknownLog ? `This instance has no log named ${logName}` : "Could not load the log"}
        error={(listFailed ? details.error : state.error) ?? new Error("Unknown error")}
        onRetry={() => void win.openTail()}
        retrying={state.resetting}
      />
    );
  else if (state.status === "unpublished" && row && row.published > 0)
    body = (
      <CopyNotHere
        reason={state.error?.message ?? "The published copy is not in the object store this viewer reads."}
        onFullCopy={() => ownAccount.guard(() => publishing.fullCopy.mutate())}
        copying={publishing.fullCopy.isPending}
        error={publishing.error}
      />
    );
  else if (state.status === "unpublished")
    body = (
      <NothingPublished
        name={logName}
        action={enables("Publish now")}
        onPublish={publishNow}
        publishing={publishing.publish.isPending}
        error={publishing.error}
      />
    );
  else if (filter.active && ready)
    body =
      filter.state.status === "done" && filter.state.rows.length === 0 ? (
        <p className="p-6 text-sm text-zinc-600 dark:text-zinc-400">No lines match this filter.</p>
      ) : (
        <FilteredView
          rows={filter.state.rows}
          initialRow={0}
          wrap={wrap}
          gutter={String(Math.max(state.total, windowEnd(state.window))).length}
          lineHref={lineHref}
          onShowInFull={filter.showInFull}
        />
      );
  else if (state.total === 0)
    body = <p className="p-6 text-sm text-zinc-600 dark:text-zinc-400">The published log is empty.</p>;
  else
    body = (
      <LogViewer
        window={state.window}
        generation={state.generation}
        anchor={state.anchor}
        top={state.top}
        bottom={state.bottom}
        edgeError={state.error?.message ?? null}
        wrap={wrap}
        following={publishing.following}
        matcher={search.matcher}
        format={filter.format}
        highlightLine={nav.highlight}
        gutter={String(Math.max(state.total, windowEnd(state.window))).length}
        listRef={nav.listRef}
        lineHref={lineHref}
        onSelectLine={nav.selectLine}
        onRangeChange={onRangeChange}
        onAtBottomChange={nav.onAtBottomChange}
        onLoadEdge={(edge, retry) => void win.loadEdge(edge, { retry })}
      />
    );

  return (
    // Phones: the page fills the screen below the top bar and the lines take what is left, so they start
    // above the fold whatever the toolbar's wrapping makes of the space above them.
    <div className="flex flex-col max-sm:h-[calc(100dvh-4.5rem)]">
      {ownAccount.dialog}
      <FollowEnableDialog
        open={publishing.follow.askEnable}
        logName={logName}
        onOpenChange={publishing.follow.setAskEnable}
        onConfirm={() => ownAccount.guard(publishing.follow.confirmEnable)}
      />
      <LogViewerHeader log={log} details={row} totalLines={ready ? state.total : null} />
      <div className="space-y-3 max-sm:flex max-sm:min-h-0 max-sm:flex-1 max-sm:flex-col max-sm:space-y-2">
        <LogViewerToolbar
          ready={ready && state.total > 0}
          publishing={publishing.publish.isPending}
          publishLabel={enables("Publish & refresh")}
          onPublish={publishNow}
          following={publishing.following}
          followPaused={publishing.followPaused}
          onToggleFollow={toggleFollow}
          onJumpToStart={nav.jumpToStart}
          onJumpToEnd={nav.jumpToEnd}
          onGoToLine={nav.goToLine}
          timeJump={
            <TimeJumpField
              initial={initial.t}
              disabled={!(ready && state.total > 0)}
              pending={timeJump.state.status === "jumping"}
              onJump={(at) => void timeJump.jump(at)}
            />
          }
          totalLines={state.total}
          wrap={wrap}
          onToggleWrap={toggleWrap}
          downloadHref={paths.api.log(scope, instanceId, logName, "download")}
          tailOpen={tailOpen}
          tailPanelId={tailPanelId}
          onToggleTail={() => setTailOpen((open) => !open)}
          helpOpen={helpOpen}
          onHelpOpenChange={setHelpOpen}
          denied={denied}
        />
        <LogSearchBox
          active={search.spec}
          inputRef={searchInput}
          disabled={!ready}
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
          disabled={!ready}
          onApply={filter.apply}
          onClose={() => filter.showInFull(nav.visible.current.first || undefined)}
        />
        {publishing.error && ready ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {publishing.error}
          </p>
        ) : null}
        {tailOpen && ready ? <TailTextView log={log} id={tailPanelId} /> : null}
        <TimeJumpNoteLine state={timeJump.state} onDismiss={timeJump.dismiss} />
        {ready && state.total > 0 ? (
          <LogTimeline
            log={log}
            publishedSize={state.size}
            visible={nav.visible}
            subscribeVisible={nav.subscribeVisible}
            onGoToLine={nav.goToLine}
          />
        ) : null}
        <div
          ref={logRegion}
          tabIndex={-1}
          role="log"
          aria-label="Log lines"
          aria-live="off"
          aria-busy={state.resetting}
          className="relative h-[calc(100dvh-23.5rem)] min-h-80 overflow-hidden max-sm:h-auto max-sm:min-h-60 max-sm:flex-1 rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950"
        >
          {body}
          {ready && nav.highlight ? <LineCopy log={log} window={state.window} range={nav.highlight} /> : null}
          {ready && state.resetting ? (
            <div className="absolute top-2 right-4 flex items-center gap-1.5 rounded bg-white/90 px-2 py-1 text-xs shadow dark:bg-zinc-900/90">
              <LoaderCircle aria-hidden className="size-3.5 animate-spin" /> Loading lines…
            </div>
          ) : null}
          {showJump ? (
            <Button
              size="sm"
              variant="primary"
              onClick={nav.jumpToEnd}
              className="absolute right-6 bottom-4 shadow-lg"
            >
              <ArrowDown aria-hidden />
              Jump to end
              {newLines > 0
                ? ` · ${newLines.toLocaleString("en-US")} new ${newLines === 1 ? "line" : "lines"}`
                : null}
            </Button>
          ) : null}
        </div>
        {publishing.following ? (
          <FollowPanel live={publishing.follow.live} info={publishing.follow.info} />
        ) : null}
      </div>
    </div>
  );
}
