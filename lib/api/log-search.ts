import { paths } from "@/lib/paths";
import { logSearchEventSchema, type LogSearchEvent } from "@/lib/schemas/log-view";
import { throwIfFailed } from "./fetcher";
import type { LogRef } from "./log-viewer";

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
 * Splits NDJSON text arriving in arbitrary pieces into parsed events. `push` returns the events
 * completed by a piece; `end` returns the last one when the stream did not end with a newline.
 */
export function createNdjsonSplitter() {
  let pending = "";
  const parse = (line: string): LogSearchEvent[] => {
    if (!line.trim()) return [];
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      return [{ type: "error", message: "The search sent an unreadable answer." }];
    }
    const parsed = logSearchEventSchema.safeParse(data);
    return parsed.success ? [parsed.data] : [];
  };
  return {
    push(text: string): LogSearchEvent[] {
      const buffer = pending + text;
      const events: LogSearchEvent[] = [];
      let start = 0;
      for (let newline = buffer.indexOf("\n"); newline !== -1; newline = buffer.indexOf("\n", start)) {
        events.push(...parse(buffer.slice(start, newline)));
        start = newline + 1;
      }
      pending = buffer.slice(start);
      return events;
    },
    end(): LogSearchEvent[] {
      const rest = pending;
      pending = "";
      return parse(rest);
    },
  };
}

/**
 * Runs a search and hands its events over as they arrive (the first matches show before the scan
 * ends). Rejects with ApiError for a refused search (bad regex: 400 before streaming); resolves when
 * the stream ends; abort with `signal` when the query changes.
 */
export async function streamLogSearch(
  log: LogRef,
  query: LogSearchQuery,
  onEvents: (events: LogSearchEvent[]) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await throwIfFailed(
    await fetch(logSearchUrl(log, query), { credentials: "same-origin", signal }),
  );
  if (!response.body) throw new Error("The search answered without a body.");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const splitter = createNdjsonSplitter();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const events = splitter.push(value);
      if (events.length) onEvents(events);
    }
    const last = splitter.end();
    if (last.length) onEvents(last);
  } finally {
    reader.releaseLock();
  }
}
