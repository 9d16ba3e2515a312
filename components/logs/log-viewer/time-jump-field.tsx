"use client";

import { Clock, X } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { formatUtc, parseUtcTime } from "@/lib/api/utc-time";
import { cn } from "@/lib/utils";
import type { TimeJumpState } from "./use-time-jump";

export interface TimeJumpFieldProps {
  /** The time of a `?t=` link, shown in the field. */
  initial?: string;
  disabled: boolean;
  pending: boolean;
  onJump: (iso: string) => void;
}

const EXAMPLE = "2026-12-01 10:00";

/**
 * "Go to time": a plain text field rather than a date picker, so a time copied from a log line or a
 * ticket can be pasted as it is. Read as UTC unless it names a zone (the label says so).
 */
export function TimeJumpField({ initial, disabled, pending, onJump }: TimeJumpFieldProps) {
  const id = useId();
  const errorId = useId();
  const [text, setText] = useState(() => (initial ? formatUtc(initial) : ""));
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const iso = parseUtcTime(text);
    setInvalid(!iso);
    if (iso) onJump(iso);
  };

  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-1" aria-label="Go to time">
      <label htmlFor={id} className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
        <Clock aria-hidden className="size-3.5" />
        <span>
          Time <abbr title="Coordinated Universal Time">UTC</abbr>
        </span>
      </label>
      <input
        id={id}
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        placeholder={EXAMPLE}
        title="A date and time in UTC, e.g. 2026-12-01 10:00 or 2026-12-01T10:00:00Z (or with an offset, +02:00)"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setInvalid(false);
        }}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        className="h-7 w-40 rounded-md border border-zinc-300 bg-white px-2 font-mono text-xs outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <Button type="submit" size="sm" disabled={disabled || !text.trim()} loading={pending}>
        Go to time
      </Button>
      {invalid ? (
        <p id={errorId} role="alert" className="basis-full text-xs text-red-700 dark:text-red-400">
          Not a date and time: type it like {EXAMPLE} (UTC) or 2026-12-01T10:00:00+02:00.
        </p>
      ) : null}
    </form>
  );
}

/** Where the last time jump landed, or why it could not (the log ends before that time, no times). */
export function TimeJumpNoteLine({ state, onDismiss }: { state: TimeJumpState; onDismiss: () => void }) {
  const note = state.status === "done" || state.status === "failed" ? state.note : null;
  return (
    <div role="status" className="empty:hidden">
      {note ? (
        <p
          data-tone={note.tone}
          className={cn(
            "flex items-start gap-2 rounded-md px-2 py-1 text-sm",
            note.tone === "miss"
              ? "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100"
              : "text-zinc-700 dark:text-zinc-300",
          )}
        >
          <span className="min-w-0 flex-1">{note.text}</span>
          <button type="button" onClick={onDismiss} className="shrink-0 rounded p-0.5 hover:bg-black/5">
            <X aria-hidden className="size-3.5" />
            <span className="sr-only">Dismiss</span>
          </button>
        </p>
      ) : null}
    </div>
  );
}
