"use client";

import { useEffect, useRef } from "react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import type { LiveBuffer } from "./live-buffer";
import type { FollowInfo } from "./use-follow-session";

const REASONS = {
  size: "close to guest_log_limit",
  age: "after 5 minutes",
  rotation: "the file was rotated",
  leave: "the last follower left",
  remote: "Trove published",
} as const;

const clock = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour12: false });

export interface FollowPanelProps {
  live: LiveBuffer;
  info: FollowInfo | null;
  /** The published copy the viewer shows (null: not loaded): live lines are numbered on from it. */
  shown: { total: number; size: number; lastLineComplete: boolean } | null;
}

/**
 * The number of the first live line: known when the live lines start right where the published copy
 * shown ends, after a whole line (null: some were left out, or a publish is on its way; no numbers then).
 */
function firstLiveLine(live: LiveBuffer, shown: FollowPanelProps["shown"]): number | null {
  if (!shown || !shown.lastLineComplete || live.skipped || live.lines[0]?.at !== shown.size) return null;
  return shown.total + 1;
}

/**
 * What Follow shows beyond the published copy, at the foot of the log box. Embedded service: the live
 * lines, read from the log file and not published yet (the server publishes in objects close to
 * guest_log_limit). A remote Trove: only published lines, and when the next publish is due (it is
 * rate-bounded).
 */
export function FollowPanel({ live, info, shown }: FollowPanelProps) {
  const firstLine = firstLiveLine(live, shown);
  const list = useRef<HTMLOListElement>(null);
  const count = live.lines.length;
  const digits = String((firstLine ?? 0) + count).length;
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [count, live.to]);
  if (!info) return null;
  const last = info.lastPublished
    ? `Last published ${new Date(info.lastPublished.at).toLocaleTimeString("en-GB", { hour12: false })} (${REASONS[info.lastPublished.reason]}).`
    : null;

  if (info.mode === "published") {
    return (
      <p
        role="status"
        className="shrink-0 border-t border-zinc-200 px-3 py-1.5 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
      >
        Following the published copy: Trove publishes this log at most every 15 s, less often while nothing
        new comes{info.nextPublish ? `; next publish ${clock(info.nextPublish)}` : ""}. {last}
      </p>
    );
  }
  return (
    <section
      aria-label="Live lines, not yet published"
      className="shrink-0 border-t border-dashed border-amber-500 bg-amber-50/60 dark:border-amber-600 dark:bg-amber-950/30"
    >
      <header role="status" className="flex flex-wrap items-baseline gap-x-2 px-3 py-1.5 text-xs">
        <span className="rounded bg-amber-500 px-1.5 font-semibold text-white dark:bg-amber-600">LIVE</span>
        <span>
          {count.toLocaleString("en-US")} {count === 1 ? "line" : "lines"} read from the log file, not yet
          published
          {live.skipped ? " (newest shown)" : ""}.
        </span>
        <span className="text-zinc-600 dark:text-zinc-400">
          Published in objects close to guest_log_limit
          {info.nextPublish ? `, at the latest ${clock(info.nextPublish)}` : ""}, and when you stop following.{" "}
          {last}
        </span>
      </header>
      {count > 0 ? (
        <ol
          ref={list}
          data-testid="live-lines"
          className="max-h-40 overflow-auto border-t border-amber-200 py-1 pr-3 font-mono text-xs whitespace-pre dark:border-amber-900"
        >
          {live.lines.map((line, index) => (
            <li key={line.at} className="flex">
              <span
                aria-hidden={firstLine === null}
                style={{ width: `${digits + 2}ch` }}
                className="shrink-0 pr-3 pl-1 text-right text-zinc-400 tabular-nums select-none dark:text-zinc-500"
              >
                {firstLine === null ? "" : firstLine + index}
              </span>
              {line.text}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

/** Follow on a Disabled log: it would have to enable it, so it asks. */
export function FollowEnableDialog(props: {
  open: boolean;
  logName: string;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`Enable ${props.logName} to follow it?`}
      description={
        <>
          <p>
            This log is <strong>Disabled</strong>: the database does not write it, so there is nothing new to
            follow. Following it <strong>enables the log</strong> — the database starts writing it (this can
            cost disk space and speed) until someone disables it again.
          </p>
          <p>If someone disables it while you follow, Follow stops and says so.</p>
        </>
      }
      confirmLabel="Enable & follow"
      onConfirm={props.onConfirm}
    />
  );
}
