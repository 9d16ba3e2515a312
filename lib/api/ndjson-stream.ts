import type { z } from "zod";
import { throwIfFailed } from "./fetcher";

/** What every scan stream may end with when it cannot go on (every scan's event schema has it). */
type ErrorEvent = { type: "error"; message: string };
/** A scan's event schema: one whose events include ErrorEvent. */
type ScanSchema<Event> = z.ZodType<Event> & ([ErrorEvent] extends [Event] ? unknown : never);

/**
 * Splits NDJSON text arriving in arbitrary pieces into events checked by `schema` (unknown events are
 * skipped). `push` returns the events completed by a piece; `end` returns the last one when the stream
 * did not end with a newline. An unreadable line becomes an error event naming `what` ("search").
 */
export function createNdjsonSplitter<Event>(schema: ScanSchema<Event>, what = "scan") {
  let pending = "";
  const parse = (line: string): Event[] => {
    if (!line.trim()) return [];
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      const unreadable: ErrorEvent = { type: "error", message: `The ${what} sent an unreadable answer.` };
      return [unreadable as Event]; // ScanSchema: Event includes ErrorEvent
    }
    const parsed = schema.safeParse(data);
    return parsed.success ? [parsed.data] : [];
  };
  return {
    push(text: string): Event[] {
      const buffer = pending + text;
      const events: Event[] = [];
      let start = 0;
      for (let newline = buffer.indexOf("\n"); newline !== -1; newline = buffer.indexOf("\n", start)) {
        events.push(...parse(buffer.slice(start, newline)));
        start = newline + 1;
      }
      pending = buffer.slice(start);
      return events;
    },
    end(): Event[] {
      const rest = pending;
      pending = "";
      return parse(rest);
    },
  };
}

/**
 * GETs `url` and hands its NDJSON events over as they arrive (the first ones show before the scan
 * ends). Rejects with ApiError for a refused request (400 before streaming); resolves when the stream
 * ends; abort with `signal`.
 */
export async function streamNdjson<Event>(
  url: string,
  schema: ScanSchema<Event>,
  onEvents: (events: Event[]) => void,
  signal: AbortSignal,
  what = "scan",
): Promise<void> {
  const response = await throwIfFailed(await fetch(url, { credentials: "same-origin", signal }));
  if (!response.body) throw new Error(`The ${what} answered without a body.`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const splitter = createNdjsonSplitter(schema, what);
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
