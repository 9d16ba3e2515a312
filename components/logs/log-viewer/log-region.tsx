"use client";

import { ArrowDown, LoaderCircle } from "lucide-react";
import type { ReactNode, RefObject } from "react";
import { Button } from "@/components/ui/button";

export interface LogRegionProps {
  regionRef: RefObject<HTMLDivElement | null>;
  /** A new window is loading; `badge`: say so over the lines still shown. */
  busy: boolean;
  badge: boolean;
  /** Offer "Jump to end", with how many lines are new below (0: say nothing). */
  jump: { newLines: number } | null;
  onJumpToEnd: () => void;
  children: ReactNode;
  /** Shown below the lines, inside the box (Follow's live lines), taking its height from theirs. */
  footer?: ReactNode;
}

const count = (lines: number) => `${lines.toLocaleString("en-US")} new ${lines === 1 ? "line" : "lines"}`;

/** The focusable region that holds the lines, its loading badge and the "Jump to end" button. */
export function LogRegion({ regionRef, busy, badge, jump, onJumpToEnd, children, footer }: LogRegionProps) {
  // Wide screens: the controls above (toolbar, search, filter, a time note, the timeline) take up to ~32rem
  // with the top bar, so the last line stays above the fold. Phones: the page's flex column sizes it.
  return (
    <div
      ref={regionRef}
      tabIndex={-1}
      role="log"
      aria-label="Log lines"
      aria-live="off"
      aria-busy={busy}
      className="flex h-[calc(100dvh-32rem)] min-h-80 flex-col overflow-hidden max-sm:h-auto max-sm:min-h-60 max-sm:flex-1 rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950"
    >
      <div className="relative min-h-0 flex-1">
        {children}
        {badge ? (
          <div className="absolute top-2 right-4 flex items-center gap-1.5 rounded bg-white/90 px-2 py-1 text-xs shadow dark:bg-zinc-900/90">
            <LoaderCircle aria-hidden className="size-3.5 animate-spin" /> Loading lines…
          </div>
        ) : null}
        {jump ? (
          <Button
            size="sm"
            variant="primary"
            onClick={onJumpToEnd}
            className="absolute right-6 bottom-4 shadow-lg"
          >
            <ArrowDown aria-hidden />
            Jump to end
            {jump.newLines > 0 ? ` · ${count(jump.newLines)}` : null}
          </Button>
        ) : null}
      </div>
      {footer}
    </div>
  );
}
