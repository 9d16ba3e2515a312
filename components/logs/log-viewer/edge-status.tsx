"use client";

import type { Edge, LoaderState } from "./log-window-state";

export interface EdgeStatusProps {
  edge: Edge;
  top: LoaderState;
  bottom: LoaderState;
  edgeError: string | null;
  onLoadEdge: (edge: Edge, retry?: boolean) => void;
}

const TEXT: Record<Edge, Record<Exclude<LoaderState, "error">, string>> = {
  top: { idle: "", loading: "Loading earlier lines…", end: "Start of the published log" },
  bottom: { idle: "", loading: "Loading later lines…", end: "" },
};

/** The status row above / below the lines; always the same height, so it never shifts the rows. */
export function EdgeStatus({ edge, top, bottom, edgeError, onLoadEdge }: EdgeStatusProps) {
  const state = edge === "top" ? top : bottom;
  return (
    <div className="flex h-6 items-center px-3 font-sans text-xs text-zinc-500 dark:text-zinc-400">
      {state === "error" ? (
        <span role="alert" className="text-red-700 dark:text-red-400">
          Could not load {edge === "top" ? "earlier" : "later"} lines{edgeError ? `: ${edgeError}` : ""}.{" "}
          <button
            type="button"
            onClick={() => onLoadEdge(edge, true)}
            className="underline hover:no-underline focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none"
          >
            Retry
          </button>
        </span>
      ) : (
        <span aria-live={state === "loading" ? "polite" : undefined}>{TEXT[edge][state]}</span>
      )}
    </div>
  );
}
