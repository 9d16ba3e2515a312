"use client";

import { Search, X } from "lucide-react";
import { Button } from "@/components/ui/button";

export interface InstanceFilterBoxProps {
  value: string;
  onChange: (value: string) => void;
  /** "Displaying N items": what the table shows after filtering. */
  countLabel: string;
}

/** Horizon's table filter box, client side, with the item count beside it. */
export function InstanceFilterBox({ value, onChange, countLabel }: InstanceFilterBoxProps) {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-3">
      <div className="relative w-full max-w-sm">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400"
        />
        <input
          type="search"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape" && value) {
              event.preventDefault();
              onChange("");
            }
          }}
          aria-label="Filter instances"
          placeholder="Filter by name, ID, datastore or status"
          className="h-9 w-full rounded-md border border-zinc-300 bg-white pr-9 pl-8 text-sm outline-none placeholder:text-zinc-400 focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-700 dark:bg-zinc-900 [&::-webkit-search-cancel-button]:hidden"
        />
        {value ? (
          <Button
            size="icon"
            variant="ghost"
            aria-label="Clear the filter"
            onClick={() => onChange("")}
            className="absolute top-1/2 right-0.5 size-8 -translate-y-1/2"
          >
            <X aria-hidden />
          </Button>
        ) : null}
      </div>
      <span role="status" className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="instance-count">
        {countLabel}
      </span>
    </div>
  );
}
