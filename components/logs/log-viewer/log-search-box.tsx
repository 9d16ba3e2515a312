"use client";

import { ChevronDown, ChevronUp, Search, X } from "lucide-react";
import { useId, useState, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import type { SearchSpec } from "./processing";

export interface LogSearchBoxProps {
  /** The search that runs (from the URL or the last submit). */
  active: SearchSpec | null;
  inputRef: RefObject<HTMLInputElement | null>;
  disabled: boolean;
  /** "12 of 340", "No matches", … */
  countLabel: string;
  /** "Scanned 45%" while the server reads the log. */
  progress: string | null;
  error: string | null;
  canStep: boolean;
  onSearch: (spec: SearchSpec) => void;
  onClear: () => void;
  onNext: () => void;
  onPrevious: () => void;
  /** Esc: back to the log, the search kept (its matches stay marked; n/N step through them). */
  onLeave: () => void;
}

const same = (a: SearchSpec | null, b: SearchSpec) =>
  a !== null && a.q === b.q && a.regex === b.regex && a.caseSensitive === b.caseSensitive;

/** A label's words from `sm` up; on phones a short sign on screen, the words kept as its name. */
function Short({ long, short }: { long: string; short: string }) {
  return (
    <>
      <span className="max-sm:sr-only">{long}</span>
      <span aria-hidden className="font-mono sm:hidden">
        {short}
      </span>
    </>
  );
}

/** Server-side search of the whole published log; Enter searches, Enter again goes to the next match. */
export function LogSearchBox({
  active,
  inputRef,
  disabled,
  countLabel,
  progress,
  error,
  canStep,
  onSearch,
  onClear,
  onNext,
  onPrevious,
  onLeave,
}: LogSearchBoxProps) {
  const inputId = useId();
  const [q, setQ] = useState(active?.q ?? "");
  const [regex, setRegex] = useState(active?.regex ?? false);
  const [caseSensitive, setCaseSensitive] = useState(active?.caseSensitive ?? false);

  const run = (spec: SearchSpec) => {
    if (!spec.q) onClear();
    else if (same(active, spec)) onNext();
    else onSearch(spec);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run({ q, regex, caseSensitive });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" && event.shiftKey) {
      event.preventDefault();
      if (same(active, { q, regex, caseSensitive })) onPrevious();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onLeave();
    }
  };
  const toggle = (change: Partial<SearchSpec>) => {
    const spec = { q, regex, caseSensitive, ...change };
    if (change.regex !== undefined) setRegex(change.regex);
    if (change.caseSensitive !== undefined) setCaseSensitive(change.caseSensitive);
    if (active && spec.q) onSearch(spec);
  };

  return (
    <form
      role="search"
      onSubmit={submit}
      className="flex flex-wrap items-center gap-x-3 gap-y-2 max-sm:gap-x-2"
    >
      <div className="relative flex items-center max-sm:min-w-0 max-sm:flex-1">
        <label htmlFor={inputId} className="sr-only">
          Search
        </label>
        <Search aria-hidden className="pointer-events-none absolute left-2 size-4 text-zinc-400" />
        <input
          id={inputId}
          ref={inputRef}
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          onKeyDown={onKeyDown}
          disabled={disabled}
          placeholder="Search the whole log  ( / )"
          maxLength={1000}
          className="h-8 w-72 max-sm:w-full rounded-md border border-zinc-300 bg-white pr-7 pl-8 font-mono text-sm outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-700 dark:bg-zinc-900 [&::-webkit-search-cancel-button]:hidden"
        />
        {q ? (
          <button
            type="button"
            onClick={() => {
              setQ("");
              onClear();
            }}
            className="absolute right-1.5 rounded p-0.5 text-zinc-500 hover:text-zinc-900 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:hover:text-zinc-100"
          >
            <X aria-hidden className="size-4" />
            <span className="sr-only">Clear search</span>
          </button>
        ) : null}
      </div>
      <label className="flex items-center gap-1.5 text-sm">
        <Checkbox checked={regex} onChange={(event) => toggle({ regex: event.target.checked })} />
        <Short long="Regex" short=".*" />
      </label>
      <label className="flex items-center gap-1.5 text-sm">
        <Checkbox
          checked={caseSensitive}
          onChange={(event) => toggle({ caseSensitive: event.target.checked })}
        />
        <Short long="Match case" short="Aa" />
      </label>
      <Button type="submit" size="sm" disabled={disabled || !q} title="Search">
        <Search aria-hidden className="sm:hidden" />
        <span className="max-sm:sr-only">Search</span>
      </Button>
      <div className="flex items-center gap-1">
        <Button
          size="icon"
          className="size-7"
          onClick={onPrevious}
          disabled={!canStep}
          title="Previous match (N)"
        >
          <ChevronUp aria-hidden />
          <span className="sr-only">Previous match</span>
        </Button>
        <Button size="icon" className="size-7" onClick={onNext} disabled={!canStep} title="Next match (n)">
          <ChevronDown aria-hidden />
          <span className="sr-only">Next match</span>
        </Button>
      </div>
      <p role="status" className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
        {error ? <span className="text-red-700 dark:text-red-400">{error}</span> : countLabel}
        {progress && !error ? <span className="ml-2 text-xs">{progress}</span> : null}
      </p>
    </form>
  );
}
