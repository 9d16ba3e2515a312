import "server-only";
import { open } from "node:fs/promises";
import type { Location } from "./metafile";
import type { ObjectNamer } from "./object-names";
import { LINES_KEY, OFFSET_KEY } from "./published-state";

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
  /** Called after each object is stored, with the file offset reached. */
  onObject(end: number, name: string): void;
}

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count += 1;
  return count;
}

/** Where to cut the next object: after its last line end, or at the limit when a line is longer. */
function cutPoint(chunk: Buffer, isFinalPiece: boolean): number {
  if (isFinalPiece) return chunk.length;
  const lastNewline = chunk.lastIndexOf(0x0a);
  return lastNewline === -1 ? chunk.length : lastNewline + 1;
}

/**
 * Sends the file's bytes [from, to) as objects of at most `limit` bytes, in order, one upload
 * at a time so that upload time order equals name order (troveclient sorts by last_modified).
 * Bytes go out exactly as they are in the file: no decoding, no newline rewriting.
 */
export async function uploadNewBytes(request: UploadRequest): Promise<void> {
  const { at, namer, file, to, limit, expiry } = request;
  const handle = await open(file, "r");
  const buffer = Buffer.alloc(Math.min(limit, Math.max(to - request.from, 1)));
  try {
    let position = request.from;
    while (position < to) {
      const wanted = Math.min(buffer.length, to - position);
      let filled = 0;
      while (filled < wanted) {
        const { bytesRead } = await handle.read(buffer, filled, wanted - filled, position + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) throw new Error(`log file ${file} shrank while it was being published`);
      const chunk = buffer.subarray(0, filled);
      const body = chunk.subarray(0, cutPoint(chunk, position + filled >= to));
      const name = namer.next();
      await at.store.putObject(at.account, at.container, name, body, {
        metadata: { [LINES_KEY]: String(countNewlines(body)), [OFFSET_KEY]: String(position) },
        deleteAfter: expiry > 0 ? expiry : undefined,
        contentType: "text/plain",
      });
      position += body.length;
      request.onObject(position, name);
    }
  } finally {
    await handle.close();
  }
}
