import "server-only";
import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { summaryMetadata } from "@/lib/server/log-index/object-metadata";
import type { ObjectSummary } from "@/lib/server/log-index/object-summary";
import { metrics } from "@/lib/server/ops/metrics";
import type { Location } from "./metafile";
import type { ObjectNamer } from "./object-names";
import { LINES_KEY, OFFSET_KEY } from "./published-state";
import { UPLOAD_WINDOW } from "./upload-window";

export interface UploadRequest {
  at: Location;
  namer: ObjectNamer;
  file: string;
  /** File offsets: bytes [from, to) are sent. */
  from: number;
  to: number;
  /** guest_log_limit: the most bytes one object may hold. */
  limit: number;
  /** guest_log_expiry in seconds; 0 keeps objects forever. */
  expiry: number;
  /**
   * Summarises each object's bytes for the time index while they are in memory anyway (called in file
   * order); the summary goes into the object's metadata and to `onObject`.
   */
  summarize?: (body: Uint8Array) => ObjectSummary;
  /** Called for each stored object in file order (never past a failed one), with the file offset reached. */
  onObject(end: number, name: string, summary?: ObjectSummary): void;
}

interface Upload {
  name: string;
  end: number;
  buffer: Buffer;
  summary?: ObjectSummary;
  outcome: Promise<{ error?: unknown }>;
}

/** The next object, read and hashed ahead: its bytes, where they start, their line ends and md5. */
interface Piece {
  buffer: Buffer;
  body: Buffer;
  position: number;
  lines: number;
  etag: string;
  summary?: ObjectSummary;
}

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count += 1;
  return count;
}

/** The next object's bytes: up to `buffer.length` from `position`, cut after the last line end. */
async function readPiece(handle: FileHandle, buffer: Buffer, position: number, to: number, file: string) {
  const wanted = Math.min(buffer.length, to - position);
  let filled = 0;
  while (filled < wanted) {
    const { bytesRead } = await handle.read(buffer, filled, wanted - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  if (filled === 0) throw new Error(`log file ${file} shrank while it was being published`);
  const chunk = buffer.subarray(0, filled);
  if (position + filled >= to) return chunk; // the final piece goes whole, unfinished line included
  const lastNewline = chunk.lastIndexOf(0x0a);
  return lastNewline === -1 ? chunk : chunk.subarray(0, lastNewline + 1); // a longer line is cut hard
}

async function preparePiece(
  handle: FileHandle,
  buffer: Buffer,
  position: number,
  request: UploadRequest,
): Promise<Piece> {
  const body = await readPiece(handle, buffer, position, request.to, request.file);
  const etag = createHash("md5").update(body).digest("hex");
  const summary = request.summarize?.(body);
  return { buffer, body, position, lines: summary?.lines ?? countNewlines(body), etag, summary };
}

/**
 * Sends the file's bytes [from, to) as objects of at most `limit` bytes, in order, up to UPLOAD_WINDOW
 * at a time. Bytes go out exactly as they are in the file: no decoding, no newline rewriting. When an
 * upload fails, the ones after it that did succeed are deleted again, so the store holds an unbroken
 * prefix of the file and the next publish continues exactly where it ends.
 */
export async function uploadNewBytes(request: UploadRequest): Promise<void> {
  const { at, namer, file, to, limit, expiry } = request;
  const handle = await open(file, "r");
  const size = Math.min(limit, Math.max(to - request.from, 1));
  const spare: Buffer[] = [];
  const inFlight: Upload[] = [];
  const strays: string[] = [];
  let failure: { error: unknown } | undefined; // the first failed upload
  let readFailure: { error: unknown } | undefined;

  const finishOldest = async () => {
    const upload = inFlight.shift()!;
    const { error } = await upload.outcome;
    spare.push(upload.buffer);
    if (failure) {
      if (error === undefined) strays.push(upload.name);
    } else if (error !== undefined) failure = { error };
    else request.onObject(upload.end, upload.name, upload.summary);
  };

  try {
    // While one PUT waits for its place in upload order, the next piece is read and hashed.
    const prepare = (position: number) =>
      position < to
        ? preparePiece(handle, spare.pop() ?? Buffer.allocUnsafe(size), position, request)
        : undefined;
    let next = prepare(request.from);
    next?.catch(() => undefined); // reported when awaited
    while (next && !failure) {
      if (inFlight.length === UPLOAD_WINDOW) {
        await finishOldest();
        continue;
      }
      const piece: Piece = await next;
      const name = namer.next();
      let ordered!: () => void;
      const place = new Promise<void>((resolve) => (ordered = resolve));
      const outcome = at.store
        .putObject(at.account, at.container, name, piece.body, {
          metadata: {
            ...(piece.summary && summaryMetadata(piece.summary)),
            [LINES_KEY]: String(piece.lines),
            [OFFSET_KEY]: String(piece.position),
          },
          deleteAfter: expiry > 0 ? expiry : undefined,
          contentType: "text/plain",
          etag: piece.etag,
          onOrdered: ordered,
        })
        .then(
          (): { error?: unknown } => {
            metrics().publishedBytes.inc(piece.body.length);
            return {};
          },
          (error: unknown) => ({ error }),
        );
      const end = piece.position + piece.body.length;
      inFlight.push({ name, end, buffer: piece.buffer, summary: piece.summary, outcome });
      next = prepare(end);
      next?.catch(() => undefined);
      const early = await Promise.race([place.then(() => undefined), outcome]);
      if (early?.error !== undefined) break; // refused before taking its place: start nothing more
    }
    await next?.catch(() => undefined); // a piece read ahead but not sent: let it finish with the file
  } catch (error) {
    readFailure = { error }; // reading the file failed: what is in flight is still before this point
  }
  try {
    while (inFlight.length) await finishOldest();
  } finally {
    await handle.close();
  }
  failure ??= readFailure;
  // Best effort: strays left behind (store down) are found and removed by the next publish.
  for (const name of strays)
    await at.store.deleteObject(at.account, at.container, name).catch(() => undefined);
  if (failure) throw failure.error;
}
