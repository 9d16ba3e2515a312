import "server-only";
import type { Readable } from "node:stream";
import type { PublishedLog, Segment } from "./published-log";

/** How far ahead `streamSegments` reads: objects open at once, and the bytes each may hold unread. */
export interface ReadAhead {
  objects: number;
  bytesPerObject: number;
}

/**
 * For whole-log reads (download, search): a few objects open at once, each buffering up to ~one object
 * (1 MB), so Swift serves them in parallel instead of one stream at a time. Memory stays bounded: at
 * most `objects` bodies open and `objects × bytesPerObject` unread bytes.
 */
export const WHOLE_LOG_READ_AHEAD: ReadAhead = { objects: 5, bytesPerObject: 1024 * 1024 };

/** An object body read into memory ahead of its turn, up to `limit` unread bytes (then backpressure). */
class Buffered {
  private readonly chunks: Uint8Array[] = [];
  private unread = 0;
  private ended = false;
  private failed: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  constructor(
    readonly body: Readable,
    private readonly limit: number,
  ) {
    body.on("data", (chunk: Uint8Array) => {
      this.chunks.push(chunk);
      this.unread += chunk.byteLength;
      if (this.unread >= this.limit) body.pause();
      this.notify();
    });
    body.once("end", () => {
      this.ended = true;
      this.notify();
    });
    body.on("error", (error) => {
      this.failed = { error };
      this.notify();
    });
  }

  async *drain(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        this.unread -= chunk.byteLength;
        if (this.unread < this.limit && this.body.isPaused() && !this.ended) this.body.resume();
        yield chunk;
        continue;
      }
      if (this.failed) throw this.failed.error;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify() {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Up to `objects` bodies open at once, each read into a bounded buffer ahead of its turn. */
export async function* streamAhead(
  log: PublishedLog,
  segments: Segment[],
  { objects, bytesPerObject }: ReadAhead,
): AsyncGenerator<Uint8Array> {
  const inFlight: Promise<Buffered>[] = [];
  let opened = 0;
  const openNext = () => {
    const segment = segments[opened++]!;
    const read = log.store
      .getObject(log.account, log.container, segment.name, {
        range: { start: segment.start, end: segment.bytes - 1 },
      })
      .then((object) => new Buffered(object.body, bytesPerObject));
    read.catch(() => undefined); // reported when its turn comes
    inFlight.push(read);
  };
  try {
    while (opened < segments.length && inFlight.length < objects) openNext();
    while (inFlight.length) {
      const current = await inFlight.shift()!;
      try {
        yield* current.drain();
      } finally {
        current.body.destroy();
      }
      if (opened < segments.length) openNext();
    }
  } finally {
    // The reader stopped early (or failed): release the bodies nobody will read.
    for (const pending of inFlight.splice(0)) {
      void pending.then(
        (buffered) => buffered.body.destroy(),
        () => undefined,
      );
    }
  }
}
