"use client";

import { RefreshCw, Upload } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export interface LogsToolbarProps {
  selectedCount: number;
  /** "Publish selected", or "Enable & publish selected" when it turns logs on. */
  publishLabel: string;
  /** The selected logs that publishing enables (Disabled USER logs). */
  enables: string[];
  publishing: boolean;
  onPublishSelected: () => void;
  /** When the list was last refreshed (ms), and whether a refresh runs now. */
  updatedAt: number;
  fetching: boolean;
  intervalSeconds: number;
}

export function LogsToolbar({
  selectedCount,
  publishLabel,
  enables,
  publishing,
  onPublishSelected,
  updatedAt,
  fetching,
  intervalSeconds,
}: LogsToolbarProps) {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-3">
      <Button
        variant="primary"
        disabled={selectedCount === 0}
        loading={publishing}
        onClick={onPublishSelected}
      >
        {publishing ? null : <Upload aria-hidden />}
        {publishLabel}
      </Button>
      <span className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {selectedCount === 0 ? "Select logs to publish several at once." : `${selectedCount} selected`}
        {enables.length > 0 ? ` · publishing enables ${enables.join(", ")}` : null}
      </span>
      <span className="ml-auto flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
        <RefreshCw aria-hidden className={cn("size-3.5", fetching && "text-sky-600 dark:text-sky-400")} />
        Refreshes every {intervalSeconds} s
        {updatedAt ? ` · updated ${new Date(updatedAt).toLocaleTimeString()}` : null}
      </span>
    </div>
  );
}
