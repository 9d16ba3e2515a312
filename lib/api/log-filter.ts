import { paths, type LogFilterUrlState } from "@/lib/paths";
import { logFilterEventSchema, type LogFilterEvent } from "@/lib/schemas/log-filter";
import type { LogRef } from "./log-viewer";
import { streamNdjson } from "./ndjson-stream";

export function logFilterUrl(log: LogRef, filter: LogFilterUrlState): string {
  const params = new URLSearchParams({
    q: filter.text,
    regex: filter.regex ? "1" : "0",
    case: filter.caseSensitive ? "1" : "0",
    context: String(filter.context),
  });
  if (filter.levels.length) params.set("level", filter.levels.join(","));
  return `${paths.api.log(log.scope, log.id, log.name, "filter")}?${params}`;
}

/**
 * Runs a filter and hands its events over as they arrive (the first lines show before the scan ends).
 * Rejects with ApiError for a refused filter (400 before streaming); resolves when the stream ends.
 */
export function streamLogFilter(
  log: LogRef,
  filter: LogFilterUrlState,
  onEvents: (events: LogFilterEvent[]) => void,
  signal: AbortSignal,
): Promise<void> {
  return streamNdjson(logFilterUrl(log, filter), logFilterEventSchema, onEvents, signal, "filter");
}
