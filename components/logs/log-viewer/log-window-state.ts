import type { LogLines } from "@/lib/schemas/log-view";
import { EMPTY_WINDOW, mergeChunk, windowEnd, type LineWindow } from "./line-window";

/** Loader state of one edge of the window (shown as a status row at that edge). */
export type LoaderState = "idle" | "loading" | "end" | "error";
export type WindowStatus = "loading" | "ready" | "unpublished" | "error";
export type Edge = "top" | "bottom";

/** Where a freshly loaded window opens: at the log's end, or with `line` at the top/centre. */
export type Anchor = { line: "end" } | { line: number; align: "start" | "center" };

/** Most lines kept in the browser; past it the far end is cut back to KEEP_AFTER_TRIM lines. */
export const MAX_WINDOW_LINES = 30_000;
export const KEEP_AFTER_TRIM = 25_000;

export interface LogWindowState {
  status: WindowStatus;
  error: Error | null;
  window: LineWindow;
  /** Of the whole published log, as last reported by the server. */
  total: number;
  /**
   * The log's length when the window's lower end was last loaded: a count learnt in the background
   * ("totals") leaves it, so `total - loadedTotal` lines were published since ("N new lines").
   */
  loadedTotal: number;
  size: number;
  lastLineComplete: boolean;
  /** Bumped when a new window replaces the old one: the list remounts at `anchor`. */
  generation: number;
  anchor: Anchor;
  /** A reset (jump outside the window, tail, start) is in flight; its answer must carry this id. */
  resetId: number;
  resetting: boolean;
  top: LoaderState;
  bottom: LoaderState;
  /** The published log shrank (rotated or discarded and republished): the window must be reloaded. */
  replaced: boolean;
}

export type LogWindowAction =
  | { type: "reset"; resetId: number; anchor: Anchor }
  | { type: "reset-done"; resetId: number; anchor: Anchor; chunk: LogLines }
  | { type: "reset-failed"; resetId: number; error: Error; unpublished: boolean }
  | { type: "edge"; edge: Edge }
  | { type: "edge-done"; generation: number; edge: Edge; chunk: LogLines }
  | { type: "edge-failed"; generation: number; edge: Edge; error: Error }
  | { type: "totals"; generation: number; chunk: LogLines }
  /** Same lines, new list (e.g. wrapping toggled): reopen at `anchor`. */
  | { type: "reanchor"; anchor: Anchor };

export const initialLogWindowState: LogWindowState = {
  status: "loading",
  error: null,
  window: EMPTY_WINDOW,
  total: 0,
  loadedTotal: 0,
  size: 0,
  lastLineComplete: true,
  generation: 0,
  anchor: { line: "end" },
  resetId: 0,
  resetting: true,
  top: "idle",
  bottom: "idle",
  replaced: false,
};

/** The state before any request: loading, or already open at the end with lines read with the page. */
export function openedWith(tail: LogLines | null | undefined): LogWindowState {
  if (!tail) return initialLogWindowState;
  const anchor = { line: "end" } as const;
  const opening = logWindowReducer(initialLogWindowState, { type: "reset", resetId: 1, anchor });
  return logWindowReducer(opening, { type: "reset-done", resetId: 1, anchor, chunk: tail });
}

/** Edge loaders after the window or the totals changed: 'end' where the log ends; a load in flight stays. */
function edges(state: LogWindowState, settled?: Edge): LogWindowState {
  const still = (edge: Edge) => edge !== settled && state[edge] === "loading";
  return {
    ...state,
    top: still("top") ? "loading" : state.window.first <= 1 ? "end" : "idle",
    bottom: still("bottom") ? "loading" : windowEnd(state.window) >= state.total ? "end" : "idle",
  };
}

const totals = (chunk: LogLines) => ({
  total: chunk.total_lines,
  size: chunk.size,
  lastLineComplete: chunk.last_line_complete,
});

/** The log now has fewer lines or bytes than the window assumed. */
const shrank = (state: LogWindowState, chunk: LogLines) =>
  chunk.size < state.size || chunk.total_lines < windowEnd(state.window);

export function logWindowReducer(state: LogWindowState, action: LogWindowAction): LogWindowState {
  switch (action.type) {
    case "reset":
      return {
        ...state,
        resetId: action.resetId,
        resetting: true,
        replaced: false,
        status: state.status === "ready" ? "ready" : "loading",
      };
    case "reset-done": {
      if (action.resetId !== state.resetId) return state;
      const window = { first: action.chunk.first_line, lines: action.chunk.lines };
      return edges({
        ...state,
        ...totals(action.chunk),
        loadedTotal: action.chunk.total_lines,
        status: "ready",
        error: null,
        window,
        generation: state.generation + 1,
        anchor: action.anchor,
        resetting: false,
        replaced: false,
        top: "idle",
        bottom: "idle",
      });
    }
    case "reset-failed":
      if (action.resetId !== state.resetId) return state;
      return {
        ...state,
        status: action.unpublished ? "unpublished" : "error",
        error: action.error,
        resetting: false,
        window: EMPTY_WINDOW,
        total: 0,
        loadedTotal: 0,
        size: 0,
      };
    case "edge":
      return { ...state, [action.edge]: "loading" };
    case "edge-done": {
      if (action.generation !== state.generation || state.resetting) return state;
      if (shrank(state, action.chunk)) return { ...state, replaced: true, [action.edge]: "idle" };
      const keep = action.edge === "top" ? "start" : "end";
      const window = mergeChunk(state.window, action.chunk, keep, MAX_WINDOW_LINES, KEEP_AFTER_TRIM);
      const loadedTotal = action.edge === "bottom" ? action.chunk.total_lines : state.loadedTotal;
      return edges({ ...state, ...totals(action.chunk), loadedTotal, window }, action.edge);
    }
    case "edge-failed":
      if (action.generation !== state.generation) return state;
      return { ...state, [action.edge]: "error", error: action.error };
    case "reanchor":
      // Loads in flight belong to the old generation and will be dropped: the edges start over.
      if (state.status !== "ready") return state;
      return edges({
        ...state,
        generation: state.generation + 1,
        anchor: action.anchor,
        top: "idle",
        bottom: "idle",
      });
    case "totals":
      if (action.generation !== state.generation || state.resetting) return state;
      if (shrank(state, action.chunk)) return { ...state, replaced: true };
      return edges({ ...state, ...totals(action.chunk) });
  }
}
