"use client";

import { paths } from "@/lib/paths";
import type { LogRef } from "@/lib/api/log-viewer";
import { LogViewerToolbar } from "./log-viewer-toolbar";
import { TimeJumpField } from "./time-jump-field";
import type { useViewerPublishing } from "./use-viewer-publishing";
import type { useViewerWindow } from "./use-viewer-window";

export interface ViewerToolbarRowProps {
  log: LogRef;
  /** `?t=` of the URL: the time field starts with it. */
  initialTime?: string;
  view: ReturnType<typeof useViewerWindow>;
  publishing: ReturnType<typeof useViewerPublishing>;
  publishLabel: string;
  onPublish: () => void;
  onToggleFollow: () => void;
  wrap: boolean;
  onToggleWrap: () => void;
  tail: { open: boolean; panelId: string; toggle: () => void };
  help: { open: boolean; setOpen: (open: boolean) => void };
  denied: boolean;
}

/** The viewer's toolbar, wired to its window (and time jump) and its publishing. */
export function ViewerToolbarRow(props: ViewerToolbarRowProps) {
  const { log, view, publishing, tail, help } = props;
  const { timeJump } = view;
  const { state } = view.win;
  const hasLines = state.status === "ready" && state.total > 0;
  return (
    <LogViewerToolbar
      ready={hasLines}
      publishing={publishing.publish.isPending}
      publishLabel={props.publishLabel}
      onPublish={props.onPublish}
      following={publishing.following}
      followPaused={publishing.followPaused}
      onToggleFollow={props.onToggleFollow}
      onJumpToStart={view.nav.jumpToStart}
      onJumpToEnd={view.nav.jumpToEnd}
      onGoToLine={view.nav.goToLine}
      timeJump={
        <TimeJumpField
          initial={props.initialTime}
          disabled={!hasLines}
          pending={timeJump.state.status === "jumping"}
          onJump={(at) => void timeJump.jump(at)}
        />
      }
      totalLines={state.total}
      wrap={props.wrap}
      onToggleWrap={props.onToggleWrap}
      downloadHref={paths.api.log(log.scope, log.id, log.name, "download")}
      tailOpen={tail.open}
      tailPanelId={tail.panelId}
      onToggleTail={tail.toggle}
      helpOpen={help.open}
      onHelpOpenChange={help.setOpen}
      denied={props.denied}
    />
  );
}
