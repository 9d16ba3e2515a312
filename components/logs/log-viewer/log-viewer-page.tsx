"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useId, useMemo, useRef, useState } from "react";
import { isForbidden, type LogRef } from "@/lib/api/log-viewer";
import { logsQueryOptions } from "@/lib/api/logs";
import { publishActionLabel } from "@/lib/log-actions";
import { paths, type LogViewerUrlState, type Scope } from "@/lib/paths";
import type { LogLines } from "@/lib/schemas/log-view";
import { LineCopy } from "./line-copy";
import { LogRegion } from "./log-region";
import { LogTimeline, TimelineSlot, type InitialTimeline } from "./log-timeline";
import { LogViewerHeader } from "./log-viewer-header";
import { TailTextView } from "./tail-text-view";
import { TimeJumpNoteLine } from "./time-jump-field";
import { usePublishedWatch } from "./use-published-watch";
import { useViewerFilter } from "./use-viewer-filter";
import { useViewerPublishing } from "./use-viewer-publishing";
import { useViewerSearch } from "./use-viewer-search";
import { useViewerShortcuts } from "./use-viewer-shortcuts";
import { useViewerUrl } from "./use-viewer-url";
import { useViewerWindow } from "./use-viewer-window";
import { useHydrated } from "./use-hydrated";
import { useWrapPreference } from "./use-wrap-preference";
import { ViewerBody } from "./viewer-body";
import { ViewerFindBars } from "./viewer-find-bars";
import { ViewerToolbarRow } from "./viewer-toolbar-row";
import { FollowEnableDialog, FollowPanel } from "./follow-panel";
import { useOwnAccountPublishGuard } from "../own-account-publish";

export interface LogViewerPageProps {
  scope: Scope;
  instanceId: string;
  logName: string;
  /** From the URL: ?line=N opens there, ?t= at a time, ?q=… runs a search. */
  initial: LogViewerUrlState;
  /** The last lines, read with the page on the server (null: the browser asks for them). */
  initialLines?: LogLines | null;
  /** The timeline, sent with those lines or streamed after them (null: the browser asks for it). */
  initialTimeline?: InitialTimeline;
}

/** The log viewer page: header, toolbar, search, optional plain-text tail, and the lines. */
export function LogViewerPage(props: LogViewerPageProps) {
  const { scope, instanceId, logName, initial, initialLines, initialTimeline } = props;
  const log: LogRef = useMemo(() => ({ scope, id: instanceId, name: logName }), [scope, instanceId, logName]);
  const replaceUrl = useViewerUrl(log, initial);
  const view = useViewerWindow(log, initial, replaceUrl, initialLines);
  const { win, nav, timeJump, onRangeChange } = view;
  const publishing = useViewerPublishing(log, win, nav);
  const search = useViewerSearch(log, initial, nav, replaceUrl);
  const filter = useViewerFilter(log, initial, win, nav, replaceUrl);
  const unseen = usePublishedWatch(log, win, publishing.following);
  const details = useQuery(logsQueryOptions(scope, instanceId));
  const row = details.data?.find((entry) => entry.name === logName);
  const ownAccount = useOwnAccountPublishGuard(row?.copy_account === "yours");
  const enables = (plain: string) => (row ? publishActionLabel(row, plain) : plain);
  const toggleFollow = () =>
    publishing.following ? publishing.toggleFollow() : ownAccount.guard(publishing.toggleFollow);
  const [wrap, setWrap] = useWrapPreference();
  const hydrated = useHydrated();
  const [tailOpen, setTailOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const logRegion = useRef<HTMLDivElement>(null);
  const tailPanelId = useId();
  const { state } = win;
  const ready = state.status === "ready";

  const toggleWrap = () => {
    // Before the list has said what it shows (a click as the page opens), it stays where it opened.
    const top = nav.visible.current.first;
    win.reanchor(top ? { line: top, align: "start" } : state.anchor);
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
  const followNew = nav.totalWhenLeft === null ? 0 : Math.max(0, state.total - nav.totalWhenLeft);
  // Without Follow, lines published elsewhere are offered, not loaded under the reader's eyes.
  const showJump = ready && (publishing.following ? !nav.atBottom : unseen > 0);
  const denied = state.status === "error" && isForbidden(state.error);

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
      {/* Its lines can be on screen before the scripts run: until they have, the controls are disabled
          (a click would do nothing), so a click waits for them. */}
      <fieldset
        disabled={!hydrated}
        className="m-0 min-w-0 space-y-3 border-0 p-0 max-sm:flex max-sm:min-h-0 max-sm:flex-1 max-sm:flex-col max-sm:space-y-2"
      >
        <ViewerToolbarRow
          log={log}
          initialTime={initial.t}
          view={view}
          publishing={publishing}
          publishLabel={enables("Publish & refresh")}
          onPublish={() => ownAccount.guard(publishing.publishOnce)}
          onToggleFollow={toggleFollow}
          wrap={wrap}
          onToggleWrap={toggleWrap}
          tail={{ open: tailOpen, panelId: tailPanelId, toggle: () => setTailOpen((open) => !open) }}
          help={{ open: helpOpen, setOpen: setHelpOpen }}
          denied={denied}
        />
        <ViewerFindBars
          search={search}
          filter={filter}
          nav={nav}
          disabled={!ready}
          searchInput={searchInput}
          logRegion={logRegion}
        />
        {publishing.error && ready ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {publishing.error}
          </p>
        ) : null}
        {tailOpen && ready ? <TailTextView log={log} id={tailPanelId} /> : null}
        <TimeJumpNoteLine state={timeJump.state} onDismiss={timeJump.dismiss} />
        {ready && state.total > 0 ? (
          <TimelineSlot initial={initialTimeline}>
            <LogTimeline
              log={log}
              publishedSize={state.size}
              initial={initialTimeline}
              visible={nav.visible}
              subscribeVisible={nav.subscribeVisible}
              onGoToLine={nav.goToLine}
            />
          </TimelineSlot>
        ) : null}
        <LogRegion
          regionRef={logRegion}
          busy={state.resetting}
          badge={ready && state.resetting}
          jump={showJump ? { newLines: publishing.following ? followNew : unseen } : null}
          onJumpToEnd={nav.jumpToEnd}
          footer={
            publishing.following ? (
              <FollowPanel
                live={publishing.follow.live}
                info={publishing.follow.info}
                shown={ready ? state : null}
              />
            ) : null
          }
        >
          <ViewerBody
            logName={logName}
            win={win}
            nav={nav}
            publishing={publishing}
            filter={filter}
            details={{ row, isSuccess: details.isSuccess, isError: details.isError, error: details.error }}
            matcher={search.matcher}
            wrap={wrap}
            lineHref={lineHref}
            onRangeChange={onRangeChange}
            guard={ownAccount.guard}
            enables={enables}
          />
          {ready && nav.highlight ? <LineCopy log={log} window={state.window} range={nav.highlight} /> : null}
        </LogRegion>
      </fieldset>
    </div>
  );
}
