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

async function* ndjson(
  events: AsyncGenerator<LogSearchEvent>,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const line = (event: LogSearchEvent) => encoder.encode(`${JSON.stringify(event)}\n`);
  try {
    for await (const event of events) yield line(event);
  } catch (error) {
    if (signal.aborted) return; // the client went away: nobody to tell
    // The 200 is already sent: the stream's last event says what happened.
    yield line({ type: "error", message: failureMessage(error) });
  }
}

async function* run(log: PublishedLog, search: SearchRequest, slot: SearchSlot, signal: AbortSignal) {
  try {
    if (slot.ahead > 0) {
      yield { type: "waiting", ahead: slot.ahead } satisfies LogSearchEvent;
      await slot.ready(signal); // then searchLog's first event says it runs
    }
    yield* searchLog(log, search, { pool: searchService().pool, signal });
  } finally {
    slot.release(); // ended, failed, or abandoned
  }
}

/**
 * Starts a search for `userId` as an NDJSON response, or answers 429 when the user already runs their
 * share of searches or the process queue is full. The search's slot is released when it ends, fails,
 * or the client disconnects or cancels (the viewer cancels a search whenever a new one starts).
 */
export function searchResponse(
  log: PublishedLog,
  search: SearchRequest,
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
  const chunks = ndjson(run(log, search, slot, signal), signal);
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
