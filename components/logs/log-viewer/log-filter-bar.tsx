"use client";

import { Filter, LoaderCircle, X } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import type { LogFilterUrlState } from "@/lib/paths";
import type { Severity } from "@/lib/schemas/log-time";
import type { LogFilterState } from "./use-log-filter";

const LEVELS: Severity[] = ["critical", "error", "warning", "notice", "info", "debug"];
const CONTEXTS = [0, 1, 2, 3, 5, 10, 20];
const count = (value: number) => value.toLocaleString("en-US");

export interface LogFilterBarProps {
  /** The filter shown (null: the full log). */
  active: LogFilterUrlState | null;
  state: LogFilterState;
  disabled: boolean;
  onApply: (filter: LogFilterUrlState) => void;
  onClose: () => void;
}

function statusText(state: LogFilterState): string {
  const found = `${count(state.entries)} ${state.entries === 1 ? "entry" : "entries"}, ${count(state.lines)} lines`;
  if (state.status === "scanning") {
    if (state.waiting) return `Waiting for ${state.waiting} other scans…`;
    const percent = state.size ? Math.floor((100 * state.scanned) / state.size) : 0;
    return `Scanning… ${percent}% · ${found}`;
  }
  if (state.status === "done") {
    const of = state.totalLines === null ? "" : ` of ${count(state.totalLines)}`;
    return `${found}${of}${state.truncated ? " (the first 100,000 shown)" : ""}`;
  }
  return "";
}

/**
 * Filter mode: a text (literal, or a regular expression with Regex; any case unless Match case),
 * severities and ±context lines; Apply shows only the matching entries of the whole log, Close goes
 * back to the full log at the same place.
 */
export function LogFilterBar({ active, state, disabled, onApply, onClose }: LogFilterBarProps) {
  const [open, setOpen] = useState(active !== null);
  const [text, setText] = useState(active?.text ?? "");
  const [regex, setRegex] = useState(active?.regex ?? false);
  const [caseSensitive, setCaseSensitive] = useState(active?.caseSensitive ?? false);
  const [levels, setLevels] = useState<string[]>(active?.levels ?? []);
  const [context, setContext] = useState(active?.context ?? 0);
  const canApply = text.trim() !== "" || levels.length > 0;

  if (!open)
    return (
      <Button size="sm" disabled={disabled} onClick={() => setOpen(true)} aria-expanded={false}>
        <Filter aria-hidden /> Filter lines…
      </Button>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canApply) return;
    const query = text.trim();
    onApply({
      text: query,
      ...(query && regex ? { regex: true } : {}),
      ...(query && caseSensitive ? { caseSensitive: true } : {}),
      levels,
      context,
    });
  };
  const toggleLevel = (level: Severity) =>
    setLevels((current) =>
      current.includes(level) ? current.filter((l) => l !== level) : [...current, level],
    );

  return (
    <form
      aria-label="Filter lines"
      onSubmit={submit}
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border border-zinc-200 bg-zinc-50 p-2 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <input
        type="text"
        aria-label="Show only lines containing"
        placeholder={regex ? "Only lines matching (RE2)…" : "Only lines containing…"}
        value={text}
        onChange={(event) => setText(event.target.value)}
        className="h-7 w-56 rounded border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
      />
      <label className="flex items-center gap-1 text-xs">
        <Checkbox checked={regex} onChange={(event) => setRegex(event.target.checked)} />
        Regex
      </label>
      <label className="flex items-center gap-1 text-xs">
        <Checkbox checked={caseSensitive} onChange={(event) => setCaseSensitive(event.target.checked)} />
        Match case
      </label>
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="sr-only">Severities</legend>
        {LEVELS.map((level) => (
          <label key={level} className="flex items-center gap-1 text-xs">
            <input type="checkbox" checked={levels.includes(level)} onChange={() => toggleLevel(level)} />
            {level}
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-1 text-xs">
        Context ±
        <select
          aria-label="Context lines"
          value={context}
          onChange={(event) => setContext(Number(event.target.value))}
          className="h-7 rounded border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-950"
        >
          {CONTEXTS.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" size="sm" variant="primary" disabled={disabled || !canApply}>
        Apply filter
      </Button>
      <Button
        type="button"
        size="sm"
        variant="ghost"
        onClick={() => {
          setOpen(false);
          if (active) onClose();
        }}
      >
        <X aria-hidden /> {active ? "Show full log" : "Close"}
      </Button>
      {active ? (
        <span
          role="status"
          className="flex items-center gap-1 text-xs text-zinc-600 tabular-nums dark:text-zinc-400"
        >
          {state.status === "scanning" ? (
            <LoaderCircle aria-hidden className="size-3.5 animate-spin" />
          ) : null}
          {statusText(state)}
        </span>
      ) : null}
      {state.error ? (
        <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
