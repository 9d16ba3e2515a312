import "server-only";

import type { ClientRequest } from "node:http";

import { TransportError } from "./swift-errors";

const COALESCE_BYTES = 64 * 1024;

/** Writes a streamed body with backpressure; small chunks are coalesced into ~64 KiB writes. */
export async function pump(
  req: ClientRequest,
  body: AsyncIterable<Uint8Array | string>,
  timeoutMs: number,
  onChunk: ((chunk: Uint8Array) => void) | undefined,
  stopped: () => boolean,
): Promise<void> {
  const iterator = body[Symbol.asyncIterator]();
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const write = async (chunk: Uint8Array) => {
    if (!req.write(chunk)) await drained(req);
  };
  const flush = async () => {
    if (pendingBytes === 0) return;
    const joined = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await write(joined);
  };
  let done = false;
  try {
    for (;;) {
      req.setTimeout(0); // waiting for our producer is not Swift's silence
      const next = await iterator.next();
      if (stopped() || req.destroyed) return;
      req.setTimeout(timeoutMs);
      if (next.done) break;
      const value = next.value;
      const chunk = typeof value === "string" ? Buffer.from(value, "utf8") : value;
      if (chunk.byteLength === 0) continue;
      onChunk?.(chunk);
      if (chunk.byteLength >= COALESCE_BYTES) {
        await flush();
        await write(chunk);
        continue;
      }
      pending.push(Buffer.from(chunk)); // a copy: the producer may reuse its buffer once resumed
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= COALESCE_BYTES) await flush();
    }
    done = true;
    await flush();
    req.end();
  } finally {
    if (!done) await iterator.return?.();
  }
}

/** Resolves on 'drain'; rejects when the request closes first (destroyed, or Swift answered early). */
function drained(req: ClientRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      req.off("drain", onDrain);
      req.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () =>
      done(new TransportError("ECONNRESET", "the connection closed while sending", true, true));
    req.on("drain", onDrain);
    req.on("close", onClose);
  });
}
