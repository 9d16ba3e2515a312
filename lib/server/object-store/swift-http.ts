import "server-only";

import http, { type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import https from "node:https";

import { timeUpstream } from "@/lib/server/ops/metrics";
import { TransportError } from "./swift-errors";
import { pump } from "./swift-pump";

export { TransportError };

/** A request body: bytes (sent with Content-Length, replayable) or a stream (chunked, sent once). */
export type HttpBody = Uint8Array | AsyncIterable<Uint8Array | string>;

export interface HttpRequest {
  method: string;
  /** Where to connect (protocol, host, port). */
  url: URL;
  /** Raw, already encoded path and query (never normalized: object names may hold `..`). */
  path: string;
  headers: OutgoingHttpHeaders;
  body?: HttpBody;
  /** Connect and idle limit until the response headers arrive (the body has its own, see swift-body). */
  timeoutMs: number;
  /** Sees every chunk of a streamed body as it is sent (e.g. an md5). */
  onChunk?: (chunk: Uint8Array) => void;
  /**
   * Swift's `100 Continue` arrived (the proxy has stamped the request). With it, a byte body is also
   * held back until then; after it, the request is never replayed.
   */
  onContinue?: () => void;
}

export interface HttpExchange {
  req: ClientRequest;
  res: IncomingMessage;
  /** False when Swift answered before a streamed body was read at all: the request can be replayed. */
  bodyStarted: boolean;
}

const isStream = (body: HttpBody | undefined): body is AsyncIterable<Uint8Array | string> =>
  body !== undefined && !(body instanceof Uint8Array);

export function createAgents(maxSockets = 16) {
  // Free sockets are dropped after 20 s, well before Swift closes idle connections (client_timeout, 60 s).
  const options = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: 20_000 };
  return { http: new http.Agent(options), https: new https.Agent(options) };
}
export type Agents = ReturnType<typeof createAgents>;

/**
 * One HTTP exchange, resolved when the response headers arrive. A streamed body goes out only after
 * Swift's `100 Continue`, so an early refusal (401, 404, a dead keep-alive socket) leaves it untouched.
 */
export function sendRequest(agents: Agents, request: HttpRequest): Promise<HttpExchange> {
  const { method, url, path, body, timeoutMs } = request;
  const secure = url.protocol === "https:";
  const headers: OutgoingHttpHeaders = { ...request.headers };
  // A body waits for `100 Continue` when it is a stream, or when the caller needs to know Swift took it.
  const holdBack = isStream(body) || (body instanceof Uint8Array && request.onContinue !== undefined);
  if (body instanceof Uint8Array) headers["content-length"] = body.byteLength;
  else if (isStream(body)) headers["transfer-encoding"] = "chunked";
  else if (method === "PUT" || method === "POST") headers["content-length"] = 0;
  if (holdBack) headers.expect = "100-continue";

  const settle = timeUpstream("swift", method);
  const exchange = new Promise<HttpExchange>((resolve, reject) => {
    let bodyStarted = false;
    let answered = false;
    let producerError: unknown;
    const req = (secure ? https : http).request({
      method,
      host: url.hostname,
      port: url.port || (secure ? 443 : 80),
      path,
      headers,
      agent: secure ? agents.https : agents.http,
      timeout: timeoutMs,
    });
    req.on("timeout", () =>
      req.destroy(new TransportError("TIMEOUT", `no answer within ${timeoutMs} ms`, false, false)),
    );
    // The socket timeout starts once the agent hands out a socket; waiting for one has its own limit.
    const queued = setTimeout(() => {
      const error = new TransportError("POOL_BUSY", `no free connection for ${timeoutMs} ms`, false, false);
      req.destroy(error); // without a socket, Node reports this only once one frees up: answer now
      reject(error);
    }, timeoutMs);
    req.once("socket", () => clearTimeout(queued));
    req.once("close", () => clearTimeout(queued));
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (answered) return; // the response body reports its own failures
      if (producerError !== undefined) return reject(producerError);
      if (error instanceof TransportError) {
        return reject(new TransportError(error.code, error.detail, req.reusedSocket, bodyStarted));
      }
      reject(new TransportError(error.code ?? "ECONNRESET", error.message, req.reusedSocket, bodyStarted));
    });
    req.on("response", (res) => {
      answered = true;
      req.setTimeout(0);
      // Answered before the whole body went out (an error status): the connection is not reusable.
      if (holdBack && !req.writableFinished) res.once("end", () => req.destroy());
      resolve({ req, res, bodyStarted });
    });
    if (!holdBack) {
      req.end(body);
      return;
    }
    req.flushHeaders();
    req.once("continue", () => {
      if (answered) return;
      bodyStarted = true;
      request.onContinue?.();
      if (!isStream(body)) {
        req.end(body);
        return;
      }
      pump(req, body, timeoutMs, request.onChunk, () => answered).catch((error) => {
        producerError = error instanceof TransportError ? undefined : error;
        req.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
  // Timed until the answer's headers; a failure without an answer counts as an error of Swift's.
  exchange.then(
    ({ res }) => settle(res.statusCode ?? 0),
    (error: unknown) => settle((error as { code?: string }).code === "TIMEOUT" ? "timeout" : "unreachable"),
  );
  return exchange;
}
