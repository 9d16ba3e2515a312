import "server-only";
import type { LogSearchEvent } from "@/lib/schemas/log-view";
import { listLogObjects, streamSegments, type PublishedLog } from "./published-log";
import type { ReadAhead } from "./read-ahead";
import { ScanTimeoutError, type ScanOutcome, type ScanPool } from "./search-pool";
import { compileSearch, type SearchRequest } from "./search-query";

export { compileSearch, SearchQueryError, type SearchRequest } from "./search-query";

/**
 * Objects a search reads ahead: enough to keep a worker busy (Swift answers in parallel), yet few, so
 * that four searches do not fill the thread pool's queue that a tail's file reads wait in.
 */
const SEARCH_READ_AHEAD: ReadAhead = { objects: 2, bytesPerObject: 1024 * 1024 };
/** Pieces handed to the workers: about this many bytes of whole lines. */
const PIECE_BYTES = 1024 * 1024;
/** Kept from a piece of a giant line (no line end within PIECE_BYTES) so a match across the cut is found. */
const OVERLAP = 4096;
/** Pieces of one search being scanned at once (keeps the workers busy while the next piece is read). */
const IN_FLIGHT = 2;
const MAX_MATCH_TEXT = 2000;
const PROGRESS_EVERY = 32 * 1024 * 1024;

interface Piece {
  bytes: Buffer;
  partial: boolean;
  /** Log bytes read up to the end of this piece. */
  scanned: number;
}

/** Room for a piece: the carry (less than a piece) and the chunk that filled it. */
const PIECE_CAPACITY = 2 * PIECE_BYTES;

/**
 * The buffers pieces travel in, each an ArrayBuffer of its own (transferable). The workers hand them
 * back, so a search reuses a few instead of allocating one per MB (which keeps the GC busy).
 */
class PieceBuffers {
  private readonly free: ArrayBuffer[] = [];

  take(size: number): Buffer {
    const reused = size <= PIECE_CAPACITY ? this.free.pop() : undefined;
    const buffer = reused ?? Buffer.allocUnsafeSlow(Math.max(size, PIECE_CAPACITY)).buffer;
    return Buffer.from(buffer, 0, size);
  }

  give(bytes: Buffer): void {
    if (bytes.buffer.byteLength === PIECE_CAPACITY && this.free.length <= IN_FLIGHT) {
      this.free.push(bytes.buffer as ArrayBuffer);
    }
  }
}

/** Cuts the log's bytes into pieces of whole lines. */
async function* linePieces(chunks: AsyncIterable<Uint8Array>, buffers: PieceBuffers): AsyncGenerator<Piece> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let scanned = 0;
  const gather = () => {
    const all = buffers.take(size);
    let at = 0;
    for (const part of parts) {
      all.set(part, at);
      at += part.byteLength;
    }
    return all;
  };
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.byteLength;
    scanned += chunk.byteLength;
    if (size < PIECE_BYTES) continue;
    const all = gather();
    const lastNewline = all.lastIndexOf(0x0a);
    // No line end in a whole piece: scan it as a piece of one giant line instead of growing the carry.
    const cut = lastNewline === -1 ? size - OVERLAP : lastNewline + 1;
    const rest = Buffer.from(all.subarray(cut)); // a copy: `all` goes to a worker
    parts = rest.length ? [rest] : [];
    size = rest.length;
    yield { bytes: lastNewline === -1 ? all : all.subarray(0, cut), partial: lastNewline === -1, scanned };
  }
  if (size) yield { bytes: gather(), partial: false, scanned };
}

/** The search was stopped on purpose (time budget): the message is for the person who searched. */
export class SearchStoppedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchStoppedError";
  }
}

const stoppedMessage = (error: ScanTimeoutError) =>
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
  const objects = await listLogObjects(log);
  const size = objects.reduce((sum, object) => sum + object.bytes, 0);
  const segments = objects.map((object) => ({ name: object.name, start: 0, bytes: object.bytes }));
  let total = 0;
  let sent = 0;
  let lineNumber = 1; // of the next piece's first line
  let giantLineCounted = false; // the line the next piece starts in was already counted (giant lines)
  let nextProgress = PROGRESS_EVERY;
  let scanned = 0;

  function* settle({ result, bytes }: ScanOutcome, piece: Omit<Piece, "bytes">): Generator<LogSearchEvent> {
    signal.throwIfAborted();
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
    buffers.give(bytes);
    giantLineCounted = piece.partial && (giantLineCounted || result.matched > 0);
    lineNumber += result.lines;
    scanned = piece.scanned;
    if (scanned >= nextProgress && scanned < size) {
      yield { type: "progress", scanned, size };
      nextProgress = (Math.floor(scanned / PROGRESS_EVERY) + 1) * PROGRESS_EVERY;
    }
  }

  // At once: the client knows the search runs (and the response's headers go out) before any match.
  yield { type: "progress", scanned: 0, size };
  const buffers = new PieceBuffers();
  const inFlight: Array<{ outcome: Promise<ScanOutcome>; piece: Omit<Piece, "bytes"> }> = [];
  try {
    for await (const { bytes, partial, scanned: upTo } of linePieces(
      streamSegments(log, segments, SEARCH_READ_AHEAD),
      buffers,
    )) {
      signal.throwIfAborted();
      const task = { query, bytes, partial, maxFound: Math.max(0, request.limit - sent) };
      const outcome = pool.run(task, signal);
      outcome.catch(() => undefined); // awaited in turn below
      inFlight.push({ outcome, piece: { partial, scanned: upTo } });
      if (inFlight.length >= IN_FLIGHT) {
        const next = inFlight.shift()!;
        yield* settle(await next.outcome, next.piece);
      }
    }
    for (let next = inFlight.shift(); next; next = inFlight.shift()) {
      yield* settle(await next.outcome, next.piece);
    }
  } catch (error) {
    if (error instanceof ScanTimeoutError) throw new SearchStoppedError(stoppedMessage(error));
    throw error;
  }
  yield { type: "done", total, truncated: total > request.limit, scanned };
}
