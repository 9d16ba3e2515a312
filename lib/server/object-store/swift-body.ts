import "server-only";

import type { ClientRequest, IncomingMessage } from "node:http";
import { Readable } from "node:stream";

import { ObjectStoreError } from "./object-store";

export interface BodyOptions {
  /** Longest wait for the next bytes while the reader wants them. */
  timeoutMs: number;
  /** Bytes Swift promised (Content-Length); fewer means a truncated body and an error. */
  expectedBytes?: number;
  /** What is being read, for error messages: e.g. `GET http://…/v1/AUTH_x/c/o`. */
  what: string;
}

/**
 * A response body as a Node Readable with backpressure: bytes are pulled from the socket only as the
 * reader consumes them. The idle timer runs only while the reader is waiting, so a slow reader is never
 * taken for a silent Swift. Destroying it early abandons the connection (it cannot be reused).
 */
export class SwiftBody extends Readable {
  private timer: NodeJS.Timeout | undefined;
  private received = 0;
  private ended = false;

  constructor(
    private readonly req: ClientRequest,
    private readonly res: IncomingMessage,
    private readonly options: BodyOptions,
  ) {
    super({ highWaterMark: 64 * 1024 });
    res.pause();
    res.on("data", (chunk: Buffer) => {
      this.received += chunk.byteLength;
      this.disarm();
      if (this.push(chunk)) this.arm();
      else res.pause();
    });
    res.on("end", () => {
      this.disarm();
      this.ended = true;
      const expected = options.expectedBytes;
      if (expected !== undefined && this.received !== expected) {
        this.destroy(truncated(options.what, this.received, expected));
      } else {
        this.push(null);
      }
    });
    res.on("error", () => this.destroy(truncated(options.what, this.received, options.expectedBytes)));
    res.on("close", () => {
      if (!this.ended) this.destroy(truncated(options.what, this.received, options.expectedBytes));
    });
  }

  override _read(): void {
    this.arm();
    this.res.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.disarm();
    if (!this.ended) this.req.destroy();
    callback(error);
  }

  private arm(): void {
    if (this.timer || this.destroyed) return;
    this.timer = setTimeout(() => {
      const seconds = this.options.timeoutMs / 1000;
      this.destroy(new ObjectStoreError(504, `Swift sent nothing for ${seconds} s`, this.options.what));
    }, this.options.timeoutMs);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

const truncated = (what: string, received: number, expected: number | undefined) =>
  new ObjectStoreError(
    502,
    `Swift closed the connection after ${received}${expected === undefined ? "" : ` of ${expected}`} bytes`,
    what,
  );

/** A small body (listing, error text) read whole; longer than `maxBytes` is an error. */
export async function readBody(body: SwiftBody, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const part of body) {
    total += (part as Buffer).byteLength;
    if (total > maxBytes) {
      body.destroy();
      throw new ObjectStoreError(502, `Swift sent more than ${maxBytes} bytes`);
    }
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts, total);
}
