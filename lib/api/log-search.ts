import { paths } from "@/lib/paths";
import { logSearchEventSchema, type LogSearchEvent } from "@/lib/schemas/log-view";
import type { LogRef } from "./log-viewer";
import { streamNdjson } from "./ndjson-stream";

export interface LogSearchQuery {
  q: string;
  regex: boolean;
  caseSensitive: boolean;
  /** Most matches sent (all are counted); the server's default is 10,000. */
  limit?: number;
}

export function logSearchUrl(log: LogRef, query: LogSearchQuery): string {
  const params = new URLSearchParams({
    q: query.q,
    regex: query.regex ? "1" : "0",
    case: query.caseSensitive ? "1" : "0",
  });
  if (query.limit) params.set("limit", String(query.limit));
  return `${paths.api.log(log.scope, log.id, log.name, "search")}?${params}`;
}

/**
 * Runs a search and hands its events over as they arrive (the first matches show before the scan
 * ends). Rejects with ApiError for a refused search (bad regex: 400 before streaming); resolves when
 * the stream ends; abort with `signal` when the query changes.
 */
export function streamLogSearch(
  log: LogRef,
  query: LogSearchQuery,
  onEvents: (events: LogSearchEvent[]) => void,
  signal: AbortSignal,
): Promise<void> {
  return streamNdjson(logSearchUrl(log, query), logSearchEventSchema, onEvents, signal, "search");
}
