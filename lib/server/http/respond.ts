import "server-only";
import { detailOf } from "@/lib/server/error-reference";

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * A pull-based stream: the next chunk is produced only when the client has taken the previous
 * one, so a slow reader holds the server to one chunk in flight instead of buffering the log.
 *
 * A client that goes away mid-download cancels the stream, often while a chunk is being read: that
 * chunk is dropped and the source closed, and nothing is logged (leaving is not a failure). A source
 * that fails while the client still reads is logged: the client only sees the answer cut short.
 */
export function iteratorToStream(iterator: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = await iterator.next();
        } catch (error) {
          if (cancelled) return;
          const detail = detailOf(error);
          console.error(
            "[trove-logs] a streamed answer failed midway:",
            (error as Error).message + (detail ? ` — ${detail}` : ""),
          );
          controller.error(error);
          return;
        }
        if (cancelled) return;
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        cancelled = true;
        await iterator.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
