import { paths, type LogFilterUrlState } from "@/lib/paths";
import { logFilterEventSchema, type LogFilterEvent } from "@/lib/schemas/log-filter";
import { throwIfFailed } from "./fetcher";
import type { LogRef } from "./log-viewer";

export function logFilterUrl(log: LogRef, filter: LogFilterUrlState): string {
  const params = new URLSearchParams({ q: filter.text, context: String(filter.context) });
  if (filter.levels.length) params.set("level", filter.levels.join(","));
  return `${paths.api.log(log.scope, log.id, log.name, "filter")}?${params}`;
}

const parse = (line: string): LogFilterEvent[] => {
  if (!line.trim()) return [];
  try {
    const parsed = logFilterEventSchema.safeParse(JSON.parse(line));
    return parsed.success ? [parsed.data] : [];
  } catch {
    return [{ type: "error", message: "The filter sent an unreadable answer." }];
  }
};

/**
 * Runs a filter and hands its events over as they arrive (the first lines show before the scan ends).
 * Rejects with ApiError for a refused filter (400 before streaming); resolves when the stream ends.
 */
export async function streamLogFilter(
  log: LogRef,
  filter: LogFilterUrlState,
  onEvents: (events: LogFilterEvent[]) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await throwIfFailed(
    await fetch(logFilterUrl(log, filter), { credentials: "same-origin", signal }),
  );
  if (!response.body) throw new Error("The filter answered without a body.");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const parts = (pending + value).split("\n");
      pending = parts.pop() ?? "";
      const events = parts.flatMap(parse);
      if (events.length) onEvents(events);
    }
    const last = parse(pending);
    if (last.length) onEvents(last);
  } finally {
    reader.releaseLock();
  }
}
