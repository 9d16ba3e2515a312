import "server-only";
import { listLogObjects, streamSegments, type PublishedLog, type Segment } from "./published-log";
import type { ReadAhead } from "./read-ahead";
import type { ScanOutcome, ScanPool } from "./search-pool";
import type { LineQuery } from "./search-scan";

/**
 * Objects a scan reads ahead: enough to keep a worker busy (Swift answers in parallel), yet few, so
 * that four scans do not fill the thread pool's queue that a tail's file reads wait in.
 */
const SCAN_READ_AHEAD: ReadAhead = { objects: 3, bytesPerObject: 1024 * 1024 };
/** Pieces handed to the workers: at most about this many bytes of whole lines. */
export const PIECE_BYTES = 1024 * 1024;
/**
 * The first pieces are smaller, so the first matches come back before a whole MB is read and
 * scanned; then pieces grow to PIECE_BYTES (fewer hand-overs per MB).
 */
const FIRST_PIECES = [64 * 1024, 256 * 1024];
/** Kept from a piece of a giant line (no line end within PIECE_BYTES) so a match across the cut is found. */
const OVERLAP = 4096;
/**
 * Pieces of one scan handed to the workers and not yet consumed: the workers keep scanning while the
 * event loop reads the next objects and assembles the results of earlier pieces.
 */
const IN_FLIGHT = 4;

interface Piece {
  bytes: Buffer;
  /** A piece of a line longer than PIECE_BYTES: no line end in it. */
  partial: boolean;
  /** Log bytes read up to the end of this piece. */
  scanned: number;
}

/** Room for a piece: the carry (less than a piece) and the chunk that filled it. */
const PIECE_CAPACITY = 2 * PIECE_BYTES;

/**
 * The buffers pieces travel in, each an ArrayBuffer of its own (transferable). The workers hand them
 * back, so a scan reuses a few instead of allocating one per MB (which keeps the GC busy).
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
  let pieces = 0;
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
    if (size < (FIRST_PIECES[pieces] ?? PIECE_BYTES)) continue;
    const all = gather();
    const lastNewline = all.lastIndexOf(0x0a);
    // A small first piece without a line end: gather on (only a whole piece is cut inside a line).
    if (lastNewline === -1 && size < PIECE_BYTES) {
      parts = [Buffer.from(all)];
      buffers.give(all);
      continue;
    }
    pieces += 1;
    // No line end in a whole piece: scan it as a piece of one giant line instead of growing the carry.
    const cut = lastNewline === -1 ? size - OVERLAP : lastNewline + 1;
    const rest = Buffer.from(all.subarray(cut)); // a copy: `all` goes to a worker
    parts = rest.length ? [rest] : [];
    size = rest.length;
    yield { bytes: lastNewline === -1 ? all : all.subarray(0, cut), partial: lastNewline === -1, scanned };
  }
  if (size) yield { bytes: gather(), partial: false, scanned };
}

/** The whole published log as segments to read, and its size. */
export async function wholeLog(log: PublishedLog): Promise<{ segments: Segment[]; size: number }> {
  const objects = await listLogObjects(log);
  return {
    segments: objects.map((object) => ({ name: object.name, start: 0, bytes: object.bytes })),
    size: objects.reduce((sum, object) => sum + object.bytes, 0),
  };
}

/** A scanned piece, in log order. Its bytes are reused once the consumer asks for the next one. */
export interface ScannedPiece extends ScanOutcome {
  partial: boolean;
  scanned: number;
}

/**
 * Reads `segments` once and has the worker pool find `query`'s lines in pieces of whole lines, two
 * pieces in flight; yields the outcomes in log order. `maxFound()` is asked for each piece sent.
 */
export async function* scanPieces(
  log: PublishedLog,
  segments: Segment[],
  query: LineQuery,
  { pool, signal, maxFound }: { pool: ScanPool; signal: AbortSignal; maxFound: () => number },
): AsyncGenerator<ScannedPiece> {
  const buffers = new PieceBuffers();
  const inFlight: Array<{ outcome: Promise<ScanOutcome>; partial: boolean; scanned: number }> = [];
  async function* settle(next: (typeof inFlight)[number]): AsyncGenerator<ScannedPiece> {
    const outcome = await next.outcome;
    signal.throwIfAborted();
    yield { ...outcome, partial: next.partial, scanned: next.scanned };
    buffers.give(outcome.bytes);
  }
  for await (const { bytes, partial, scanned } of linePieces(
    streamSegments(log, segments, SCAN_READ_AHEAD),
    buffers,
  )) {
    signal.throwIfAborted();
    const outcome = pool.run({ query, bytes, partial, maxFound: maxFound() }, signal);
    outcome.catch(() => undefined); // awaited in turn below
    inFlight.push({ outcome, partial, scanned });
    if (inFlight.length >= IN_FLIGHT) yield* settle(inFlight.shift()!);
  }
  for (let next = inFlight.shift(); next; next = inFlight.shift()) yield* settle(next);
}
