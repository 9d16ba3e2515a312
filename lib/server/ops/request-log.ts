import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/front/forwarded";
import { metrics } from "./metrics";
import type { RequestFacts } from "./request-context";

export interface RequestLogOptions {
  /** The route pattern of a path (route-patterns.ts). */
  routeOf: (path: string) => string;
  /** Write the JSON line (TROVE_LOGS_ACCESS_LOG); metrics are kept either way. */
  log: boolean;
  write?: (line: string) => void;
}

const isDownload = (route: string) => route.endsWith("/download");

/** Counts what a response sends (for the download routes: the bytes downloaded). */
function countBytes(response: ServerResponse): () => number {
  let bytes = 0;
  const add = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === "string") bytes += Buffer.byteLength(chunk, encoding as BufferEncoding);
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    add(chunk, typeof rest[0] === "string" ? rest[0] : undefined);
    return write(chunk, ...rest);
  }) as ServerResponse["write"];
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== "function") add(chunk, typeof rest[0] === "string" ? rest[0] : undefined);
    return end(chunk, ...rest);
  }) as ServerResponse["end"];
  return () => bytes;
}

/**
 * When a response is over (sent, or its client gone), counts it in the metrics and writes one JSON
 * line: route pattern (never the path or query, which may hold search terms), status, duration,
 * bytes, who called and the request id. Never headers: they hold cookies and tokens.
 */
export function observeRequest(
  request: IncomingMessage,
  response: ServerResponse,
  facts: RequestFacts,
  options: RequestLogOptions,
): void {
  const started = performance.now();
  const method = request.method ?? "";
  const route = options.routeOf(request.url ?? "");
  const sent = countBytes(response);
  response.once("close", () => {
    const seconds = (performance.now() - started) / 1000;
    const status = response.statusCode;
    const all = metrics();
    all.requests.inc({ route, method, status });
    all.requestSeconds.observe({ route, method }, seconds);
    if (isDownload(route) && status < 300) all.downloadedBytes.inc(sent());
    if (!options.log) return;
    const line = {
      time: new Date().toISOString(),
      level: status >= 500 ? "error" : "info",
      msg: "request",
      request_id: facts.requestId,
      method,
      route,
      status,
      duration_ms: Math.round(seconds * 10_000) / 10,
      bytes: sent(),
      ...(facts.userId !== undefined && { user_id: facts.userId }),
      ...(facts.projectId !== undefined && { project_id: facts.projectId }),
      ...(!response.writableFinished && { aborted: true }),
      // The front door's word on the client (the proxy's X-Forwarded-For only when trusted).
      client: request.headers[CLIENT_ADDRESS_HEADER] ?? request.socket.remoteAddress,
    };
    (options.write ?? ((text: string) => process.stdout.write(text)))(`${JSON.stringify(line)}\n`);
  });
}
