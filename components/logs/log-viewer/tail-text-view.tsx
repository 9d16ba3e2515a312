"use client";

import { useQuery } from "@tanstack/react-query";
import { Check, Copy, RefreshCw } from "lucide-react";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { fetchTailText, type LogRef } from "@/lib/api/log-viewer";
import { copyText } from "@/lib/clipboard";

/** Most lines the plain-text view asks for (the download has the rest). */
export const MAX_TAIL_LINES = 10_000;
const DEFAULT_TAIL_LINES = 200;

export interface TailTextViewProps {
  log: LogRef;
  id: string;
}

/** The last N lines as plain text, to select or copy (trove-dashboard's "Log Length" + Go). */
export function TailTextView({ log, id }: TailTextViewProps) {
  const inputId = useId();
  const [draft, setDraft] = useState(String(DEFAULT_TAIL_LINES));
  const [lines, setLines] = useState(DEFAULT_TAIL_LINES);
  const [copied, setCopied] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const tail = useQuery({
    queryKey: [log.scope, "log-tail-text", log.id, log.name, lines],
    queryFn: ({ signal }) => fetchTailText(log, lines, signal),
    staleTime: 0,
    gcTime: 0,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = Math.min(Math.max(1, Math.trunc(Number(draft)) || DEFAULT_TAIL_LINES), MAX_TAIL_LINES);
    setDraft(String(wanted));
    if (wanted === lines) void tail.refetch();
    else setLines(wanted);
  };
  const copy = async () => {
    try {
      await copyText(tail.data ?? "");
    } catch {
      // Copying refused: leave the text selected for the reader's own Ctrl+C.
      area.current?.select();
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  return (
    <section
      id={id}
      aria-label="Last N lines"
      className="rounded-md border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <form onSubmit={submit} className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={inputId}>Last</label>
        <input
          id={inputId}
          type="number"
          min={1}
          max={MAX_TAIL_LINES}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          className="h-7 w-24 rounded-md border border-zinc-300 bg-white px-2 font-mono text-xs outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-700 dark:bg-zinc-950"
        />
        <span>lines</span>
        <Button type="submit" size="sm" loading={tail.isFetching}>
          {tail.isFetching ? null : <RefreshCw aria-hidden />}
          Show
        </Button>
        <Button size="sm" onClick={() => void copy()} disabled={!tail.data}>
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </form>
      {tail.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {tail.error.message}
        </p>
      ) : (
        <textarea
          ref={area}
          readOnly
          aria-label={`Last ${lines} lines of ${log.name}`}
          value={tail.data ?? (tail.isPending ? "Loading…" : "")}
          spellCheck={false}
          wrap="off"
          className="h-64 w-full resize-y rounded border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs leading-5 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-800 dark:bg-zinc-950"
        />
      )}
    </section>
  );
}
