import "server-only";
import { MAX_REQUEST_BODY_BYTES } from "@/lib/server/front/request-line";

/** The body is over the limit; each API answers it in its own shape (413). */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is too large: at most ${limit / 1024} KiB is accepted.`);
    this.name = "BodyTooLargeError";
  }
}

/** The client went away (or broke the stream) before its body was complete: nothing to log. */
export class BodyIncompleteError extends Error {
  constructor() {
    super("The request body ended before it was complete.");
    this.name = "BodyIncompleteError";
  }
}

async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>) {
  try {
    return await reader.read();
  } catch {
    throw new BodyIncompleteError();
  }
}

/**
 * The request body as text, read with a byte cap: a declared Content-Length over the limit is refused
 * before reading, and a body without one (chunked) is cut off as soon as it passes the limit, so an
 * oversized upload never sits in memory. (The front door refuses declared oversizes earlier still.)
 */
export async function readBodyText(request: Request, limit = MAX_REQUEST_BODY_BYTES): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= limit)) throw new BodyTooLargeError(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await readChunk(reader);
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
