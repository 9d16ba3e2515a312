"use client";

import {
  ArrowDownToLine,
  ArrowUpToLine,
  CloudUpload,
  Download,
  Ellipsis,
  Radio,
  ScrollText,
  WrapText,
} from "lucide-react";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { ShortcutHelp } from "./shortcut-help";

export interface LogViewerToolbarProps {
  /** Lines can be shown (something is published). */
  ready: boolean;
  publishing: boolean;
  /** "Publish & refresh", or "Enable & publish" where publishing turns the log on. */
  publishLabel: string;
  onPublish: () => void;
  following: boolean;
  followPaused: boolean;
  onToggleFollow: () => void;
  onJumpToStart: () => void;
  onJumpToEnd: () => void;
  onGoToLine: (line: number) => void;
  /** The "Go to time" field (it keeps its own state). */
  timeJump?: ReactNode;
  totalLines: number;
  wrap: boolean;
  onToggleWrap: () => void;
  /** The server names the file (instance, log, UTC time). */
  downloadHref: string;
  tailOpen: boolean;
  tailPanelId: string;
  onToggleTail: () => void;
  helpOpen: boolean;
  onHelpOpenChange: (open: boolean) => void;
  /** The caller may not act on this log (a 403): no Publish or Follow that would only fail. */
  denied?: boolean;
}

function Group({ children, label, hidden }: { children: ReactNode; label: string; hidden?: boolean }) {
  return (
    <div role="group" aria-label={label} hidden={hidden} className="flex flex-wrap items-center gap-1.5">
      {children}
    </div>
  );
}

/** A button's words: shown from `sm` up; on phones only its icon (the words stay its accessible name). */
const Words = ({ children }: { children: ReactNode }) => <span className="max-sm:sr-only">{children}</span>;

const pressed = "border-sky-600 bg-sky-50 text-sky-900 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-100";

/**
 * Actions on the log and ways to move through it (shortcut keys in the titles). On phones it is one
 * row of icon buttons (Publish, Follow, start, end) and "More", which shows the rest (go to a line or
 * a time, wrap, last lines, download, shortcuts), so the log's lines start in the upper half.
 */
export function LogViewerToolbar(props: LogViewerToolbarProps) {
  const lineId = useId();
  const moreId = useId();
  const [line, setLine] = useState("");
  const [more, setMore] = useState(false);
  const goToLine = (event: FormEvent) => {
    event.preventDefault();
    const wanted = Number(line);
    if (Number.isInteger(wanted) && wanted >= 1) props.onGoToLine(wanted);
  };
  const { ready } = props;

  return (
    <div role="toolbar" aria-label="Log viewer" className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <Group label="Publishing" hidden={props.denied}>
        <Button
          variant="primary"
          size="sm"
          onClick={props.onPublish}
          loading={props.publishing}
          title={props.publishLabel}
        >
          {props.publishing ? null : <CloudUpload aria-hidden />}
          <Words>{props.publishLabel}</Words>
        </Button>
        <Button
          size="sm"
          aria-pressed={props.following}
          onClick={props.onToggleFollow}
          title="Show new lines as they are written (f)"
          className={cn(props.following && pressed)}
        >
          <Radio aria-hidden className={cn(props.following && !props.followPaused && "animate-pulse")} />
          <Words>Follow</Words>
          {props.following && props.followPaused ? (
            <span className="sr-only"> (paused while hidden)</span>
          ) : null}
        </Button>
      </Group>
      <Group label="Move">
        <Button size="sm" onClick={props.onJumpToStart} disabled={!ready} title="Jump to start (g)">
          <ArrowUpToLine aria-hidden />
          <span className="sr-only">Jump to start</span>
        </Button>
        <Button size="sm" onClick={props.onJumpToEnd} disabled={!ready} title="Jump to end (G)">
          <ArrowDownToLine aria-hidden />
          <span className="sr-only">Jump to end</span>
        </Button>
      </Group>
      <Button
        size="sm"
        aria-expanded={more}
        aria-controls={moreId}
        onClick={() => setMore((open) => !open)}
        title="More: go to a line or a time, wrap, last lines, download, shortcuts"
        className={cn("sm:hidden", more && pressed)}
      >
        <Ellipsis aria-hidden />
        More
      </Button>
      {/* Secondary controls: always shown from `sm` up (as if this box were not there), on phones while "More" is open. */}
      <div id={moreId} className={cn("contents", !more && "max-sm:hidden")}>
        <Group label="Go to">
          <form onSubmit={goToLine} className="flex items-center gap-1">
            <label htmlFor={lineId} className="sr-only">
              Line number
            </label>
            <input
              id={lineId}
              inputMode="numeric"
              pattern="[0-9]*"
              placeholder={
                ready && props.totalLines ? `1–${props.totalLines.toLocaleString("en-US")}` : "Line"
              }
              value={line}
              onChange={(event) => setLine(event.target.value.replace(/\D/g, ""))}
              disabled={!ready}
              className="h-7 w-28 rounded-md border border-zinc-300 bg-white px-2 font-mono text-xs outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-700 dark:bg-zinc-900"
            />
            <Button type="submit" size="sm" disabled={!ready || !line}>
              Go to line
            </Button>
          </form>
          {props.timeJump}
        </Group>
        <Group label="View">
          <Button
            size="sm"
            aria-pressed={props.wrap}
            onClick={props.onToggleWrap}
            disabled={!ready}
            className={cn(props.wrap && pressed)}
          >
            <WrapText aria-hidden />
            Wrap lines
          </Button>
          <Button
            size="sm"
            aria-expanded={props.tailOpen}
            aria-controls={props.tailPanelId}
            onClick={props.onToggleTail}
            disabled={!ready}
            className={cn(props.tailOpen && pressed)}
          >
            <ScrollText aria-hidden />
            Last N lines
          </Button>
          {ready ? (
            <a href={props.downloadHref} download className={buttonVariants({ size: "sm" })}>
              <Download aria-hidden />
              Download
            </a>
          ) : null}
          <ShortcutHelp open={props.helpOpen} onOpenChange={props.onHelpOpenChange} />
        </Group>
      </div>
    </div>
  );
}
