"use client";

import { Copy, Link2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { fetchLogLines, type LogRef } from "@/lib/api/log-viewer";
import { copyText } from "@/lib/clipboard";
import { paths } from "@/lib/paths";
import { lineText, type LineWindow } from "./line-window";
import type { LineRange } from "./use-viewer-navigation";

/** Most lines one copy takes (the API reads at most 5,000 per request). */
export const MAX_COPY_LINES = 50_000;
const READ_LINES = 5_000;

const numbers = ({ first, last }: LineRange) =>
  first === last
    ? `line ${first.toLocaleString("en-US")}`
    : `lines ${first.toLocaleString("en-US")}–${last.toLocaleString("en-US")}`;

/** The text of the range: from the lines on hand, the rest read from the published log. */
async function rangeText(log: LogRef, window: LineWindow, range: LineRange): Promise<string> {
  const last = Math.min(range.last, range.first + MAX_COPY_LINES - 1);
  const lines: string[] = [];
  for (let line = range.first; line <= last;) {
    const known = lineText(window, line);
    if (known !== undefined) {
      lines.push(known);
      line += 1;
      continue;
    }
    const chunk = await fetchLogLines(log, { fromLine: line, count: Math.min(READ_LINES, last - line + 1) });
    if (chunk.lines.length === 0) break;
    lines.push(...chunk.lines);
    line += chunk.lines.length;
  }
  return lines.join("\n");
}

export interface LineCopyProps {
  log: LogRef;
  window: LineWindow;
  range: LineRange;
}

/** For the highlighted line or range: copy its text, or a link to it. */
export function LineCopy({ log, window, range }: LineCopyProps) {
  const [copying, setCopying] = useState(false);
  const what = numbers(range);
  const copyLines = async () => {
    setCopying(true);
    try {
      await copyText(await rangeText(log, window, range));
      const cut = range.last - range.first + 1 > MAX_COPY_LINES;
      toast.success(`Copied ${what}`, {
        description: cut ? `Only the first ${MAX_COPY_LINES.toLocaleString("en-US")} lines.` : undefined,
      });
    } catch (error) {
      toast.error(`Could not copy ${what}`, { description: (error as Error).message });
    } finally {
      setCopying(false);
    }
  };
  const copyLink = async () => {
    const href = paths.logViewer(log.scope, log.id, log.name, { line: range.first, lineEnd: range.last });
    try {
      await copyText(new URL(href, globalThis.location.href).href);
      toast.success(`Copied the link to ${what}`);
    } catch (error) {
      toast.error("Could not copy the link", { description: (error as Error).message });
    }
  };
  return (
    <div
      role="group"
      aria-label="Selected lines"
      className="absolute top-2 right-6 z-10 flex items-center gap-1 rounded-md border border-zinc-200 bg-white/95 py-0.5 pr-0.5 pl-2 text-xs shadow dark:border-zinc-700 dark:bg-zinc-900/95"
    >
      <span className="mr-1 text-zinc-600 capitalize dark:text-zinc-300">{what}</span>
      <Button size="sm" variant="ghost" onClick={() => void copyLines()} loading={copying}>
        {copying ? null : <Copy aria-hidden />}
        Copy {range.first === range.last ? "line" : "lines"}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => void copyLink()}>
        <Link2 aria-hidden />
        Copy link
      </Button>
    </div>
  );
}
