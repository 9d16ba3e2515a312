import type { ServerResponse } from "node:http";

/**
 * Next drops the Content-Length a route handler's Response carries (its send-response strips it,
 * because fetch may have decoded the body), so a streamed download would go out chunked and the
 * browser could show no progress. A route that knows its body's exact length puts it in this header;
 * the front door turns it into the real Content-Length when the head goes out.
 */
export const DECLARED_LENGTH_HEADER = "x-trove-logs-declared-length";

export function keepDeclaredLength(response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    const declared = this.getHeader(DECLARED_LENGTH_HEADER);
    if (declared !== undefined) {
      this.removeHeader(DECLARED_LENGTH_HEADER);
      const framed = this.hasHeader("content-length") || this.hasHeader("transfer-encoding");
      if (!framed && /^\d+$/.test(String(declared))) this.setHeader("Content-Length", String(declared));
    }
    return writeHead.apply(this, args);
  } as typeof writeHead;
}
