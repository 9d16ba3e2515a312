import "server-only";
import type { LogSearchEvent } from "@/lib/schemas/log-view";
import type { PublishedLog } from "./published-log";
import { PIECE_BYTES, scanPieces, wholeLog, type ScannedPiece } from "./scan-pieces";
import { ScanTimeoutError, type ScanPool } from "./search-pool";
import { compileSearch, type SearchRequest } from "./search-query";

export { compileSearch, SearchQueryError, type SearchRequest } from "./search-query";

const MAX_MATCH_TEXT = 2000;
const PROGRESS_EVERY = 32 * 1024 * 1024;

/** The search was stopped on purpose (time budget): the message is for the person who searched. */
export class SearchStoppedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchStoppedError";
  }
}

/** Why a scan stopped on its time budget, for the person who searched or filtered. */
export const stoppedMessage = (error: ScanTimeoutError) =>
  `The search was stopped: one ${PIECE_BYTES / 1024 / 1024} MB piece of the log took longer than ` +
  `${error.budgetMs / 1000} s to scan with this pattern, the most one search may hold the server. ` +
  "Try a more specific pattern, or a plain-text search.";

/**
 * Scans the whole published log once, streaming: the event loop reads objects and hands pieces of whole
 * lines to the worker pool; matches come back in log order as match / progress / done events. Every
 * matching line is counted; the first `limit` are sent. Abort `signal` when the client goes away.
 */
export async function* searchLog(
  log: PublishedLog,
  request: SearchRequest,
  { pool, signal }: { pool: ScanPool; signal: AbortSignal },
): AsyncGenerator<LogSearchEvent> {
  const query = compileSearch(request);
  const { segments, size } = await wholeLog(log);
  let total = 0;
  let sent = 0;
  let lineNumber = 1; // of the next piece's first line
  let giantLineCounted = false; // the line the next piece starts in was already counted (giant lines)
  let nextProgress = PROGRESS_EVERY;
  let scanned = 0;

  function* settle({ result, bytes, partial, scanned: upTo }: ScannedPiece): Generator<LogSearchEvent> {
    const repeat = giantLineCounted && result.firstLineMatched;
    total += result.matched - (repeat ? 1 : 0);
    for (const found of result.found) {
      if ((repeat && found.line === 0) || sent >= request.limit) continue;
      sent += 1;
      const text = bytes.subarray(found.start, Math.min(found.end, found.start + 4 * MAX_MATCH_TEXT));
      yield {
        type: "match",
        line: lineNumber + found.line,
        text: text.toString("utf8").slice(0, MAX_MATCH_TEXT),
      };
    }
    giantLineCounted = partial && (giantLineCounted || result.matched > 0);
    lineNumber += result.lines;
    scanned = upTo;
    if (scanned >= nextProgress && scanned < size) {
      yield { type: "progress", scanned, size };
      nextProgress = (Math.floor(scanned / PROGRESS_EVERY) + 1) * PROGRESS_EVERY;
    }
  }

  // At once: the client knows the search runs (and the response's headers go out) before any match.
  yield { type: "progress", scanned: 0, size };
  try {
    const maxFound = () => Math.max(0, request.limit - sent);
    for await (const piece of scanPieces(log, segments, query, { pool, signal, maxFound })) {
      yield* settle(piece);
    }
  } catch (error) {
    if (error instanceof ScanTimeoutError) throw new SearchStoppedError(stoppedMessage(error));
    throw error;
  }
  yield { type: "done", total, truncated: total > request.limit, scanned };
}
