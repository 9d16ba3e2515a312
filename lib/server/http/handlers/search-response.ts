import "server-only";
import type { LogSearchEvent } from "@/lib/schemas/log-view";
import type { PublishedLog } from "@/lib/server/log-reader/published-log";
import {
  compileSearch,
  searchLog,
  SearchQueryError,
  SearchStoppedError,
  type SearchRequest,
} from "@/lib/server/log-reader/search";
import { searchService } from "@/lib/server/log-reader/search-service";
import { SearchBusyError, type SearchSlot } from "@/lib/server/log-reader/search-slots";
import { describeError, HttpError } from "../errors";

/** A query the search cannot run is a 400 that says why, before anything is read. */
export function checkSearch(search: SearchRequest): void {
  try {
    compileSearch(search);
  } catch (error) {
    if (error instanceof SearchQueryError) throw new HttpError(400, "bad_request", error.message);
    throw error;
  }
}

/** The same message an API error would carry, with its reference when the server logged the details. */
function failureMessage(error: unknown): string {
  if (error instanceof SearchStoppedError) return error.message;
  const { message, reference } = describeError(error);
  return reference ? `${message} (reference ${reference})` : message;
}

/** What every scan's stream may say besides its own events. */
type ScanEvent = { type: "waiting"; ahead: number } | { type: "error"; message: string };

async function* ndjson<Event>(
  events: AsyncGenerator<Event | ScanEvent>,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const line = (event: Event | ScanEvent) => encoder.encode(`${JSON.stringify(event)}\n`);
  try {
    for await (const event of events) yield line(event);
  } catch (error) {
    if (signal.aborted) return; // the client went away: nobody to tell
    // The 200 is already sent: the stream's last event says what happened.
    yield line({ type: "error", message: failureMessage(error) });
  }
}

async function* run<Event>(
  scan: (signal: AbortSignal) => AsyncGenerator<Event>,
  slot: SearchSlot,
  signal: AbortSignal,
): AsyncGenerator<Event | ScanEvent> {
  try {
    if (slot.ahead > 0) {
      yield { type: "waiting", ahead: slot.ahead };
      await slot.ready(signal); // then the scan's first event says it runs
    }
    yield* scan(signal);
  } finally {
    slot.release(); // ended, failed, or abandoned
  }
}

/** A search for `userId` as an NDJSON response (see scanResponse). */
export function searchResponse(
  log: PublishedLog,
  search: SearchRequest,
  userId: string,
  requestSignal: AbortSignal,
): Response {
  return scanResponse<LogSearchEvent>(
    (signal) => searchLog(log, search, { pool: searchService().pool, signal }),
    userId,
    requestSignal,
  );
}

/**
 * Starts a scan of a whole log (a search or a filter) for `userId` as an NDJSON response, or answers
 * 429 when the user already runs their share of scans or the process queue is full. The scan's slot
 * is released when it ends, fails, or the client disconnects or cancels (the viewer cancels a scan
 * whenever a new one starts).
 */
export function scanResponse<Event>(
  scan: (signal: AbortSignal) => AsyncGenerator<Event>,
  userId: string,
  requestSignal: AbortSignal,
): Response {
  let slot: SearchSlot;
  try {
    slot = searchService().slots.reserve(userId);
  } catch (error) {
    if (!(error instanceof SearchBusyError)) throw error;
    throw new HttpError(429, "too_many_requests", error.message, {
      "Retry-After": String(error.retryAfterSeconds),
    });
  }
  const cancelled = new AbortController();
  const signal = AbortSignal.any([cancelled.signal, requestSignal]);
  // Also when the client leaves before the body is ever read (the search then never starts).
  signal.addEventListener("abort", () => slot.release(), { once: true });
  const chunks = ndjson<Event>(run(scan, slot, signal), signal);
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        cancelled.abort(); // wakes a search waiting for its slot or for a worker
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, {
    headers: {
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Type": "application/x-ndjson; charset=utf-8",
    },
  });
}
