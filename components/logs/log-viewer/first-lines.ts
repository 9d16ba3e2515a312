import type { LinesQuery } from "@/lib/api/log-viewer";
import { aroundRequest } from "./line-window";

/** Lines per request (the API allows 5,000). */
export const CHUNK_LINES = 2_000;

/**
 * The viewer's first request: the tail, or the lines around `?line=`. A plain module (not a client
 * one), so the page can ask the browser to start this very request while the scripts still load.
 */
export const firstLinesQuery = (initialLine: number | undefined): LinesQuery =>
  initialLine ? aroundRequest(initialLine, CHUNK_LINES) : { tail: CHUNK_LINES };
