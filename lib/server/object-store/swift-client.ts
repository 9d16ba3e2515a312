import "server-only";

import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

import type { SwiftAuth } from "./swift-auth";
import { readBody, SwiftBody } from "./swift-body";
import { statusError, transportFailure, type Subject } from "./swift-errors";
import { sendRequest, TransportError, type Agents, type HttpBody, type HttpExchange } from "./swift-http";

export interface SwiftCall {
  method: "GET" | "HEAD" | "PUT" | "POST" | "DELETE";
  /** Encoded path below the storage URL's origin, e.g. `/v1/AUTH_x/c/o`. */
  path: string;
  query?: Record<string, string | undefined>;
  headers?: OutgoingHttpHeaders;
  body?: HttpBody;
  onChunk?: (chunk: Uint8Array) => void;
  /** See HttpRequest.onContinue. */
  onContinue?: () => void;
  /**
   * Ask once more after a 404. A one-replica Swift answers 404 to a read that races an overwrite (the
   * object server lists the old .data, the PUT unlinks it, the open fails); with more replicas its proxy
   * would have asked another node. For object GET/HEAD only.
   */
  confirmNotFound?: boolean;
}

export interface SwiftResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Streams with backpressure; read it or destroy it. */
  body: SwiftBody;
}

const RETRY_DELAYS_MS = [100, 400];
const RETRY_STATUSES = new Set([500, 502, 503, 504]);

/**
 * Sends Swift requests with the token, renewing it once after a 401, and retries where it is safe:
 * GET/HEAD after a connection failure or a 5xx; a plain write of bytes after a 503; any request whose body
 * was not consumed after a refused connection or a reset of a reused keep-alive socket. Never after a
 * timeout (it would double the wait) and never once a streamed body has started to flow.
 */
export class SwiftClient {
  constructor(
    private readonly origin: URL,
    private readonly auth: SwiftAuth,
    private readonly agents: Agents,
    readonly timeoutMs: number,
  ) {}

  async call(call: SwiftCall): Promise<SwiftResponse> {
    const safe = call.method === "GET" || call.method === "HEAD";
    const path = call.path + queryString(call.query);
    const what = `${call.method} ${this.origin.origin}${call.path}`;
    let renewed = false;
    let confirming = call.confirmNotFound === true;
    for (let retries = 0; ;) {
      const token = await this.auth.token();
      let exchange: HttpExchange;
      try {
        exchange = await sendRequest(this.agents, {
          ...{ method: call.method, url: this.origin, path, body: call.body, onChunk: call.onChunk },
          onContinue: call.onContinue,
          headers: { ...call.headers, "x-auth-token": token },
          timeoutMs: this.timeoutMs,
        });
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        if (retries < RETRY_DELAYS_MS.length && mayRetry(error, safe)) {
          await sleep(RETRY_DELAYS_MS[retries++] as number);
          continue;
        }
        throw transportFailure(error, this.origin.origin, what, this.timeoutMs);
      }
      const status = exchange.res.statusCode ?? 0;
      if (status === 401 && !renewed && !exchange.bodyStarted) {
        exchange.req.destroy();
        this.auth.invalidate(token);
        renewed = true;
        continue;
      }
      if (status === 404 && confirming) {
        exchange.req.destroy();
        confirming = false;
        continue;
      }
      if (RETRY_STATUSES.has(status) && retries < RETRY_DELAYS_MS.length && mayRepeat(call, status)) {
        exchange.req.destroy();
        await sleep(RETRY_DELAYS_MS[retries++] as number);
        continue;
      }
      const length = Number(exchange.res.headers["content-length"]);
      const hasBody = call.method !== "HEAD" && status !== 204 && status !== 304;
      const expectedBytes = hasBody && Number.isSafeInteger(length) ? length : undefined;
      const body = new SwiftBody(exchange.req, exchange.res, {
        timeoutMs: this.timeoutMs,
        what,
        expectedBytes,
      });
      return { status, headers: exchange.res.headers, body };
    }
  }

  /** Like `call`, but a non-2xx answer becomes the matching ObjectStoreError. */
  async expect(call: SwiftCall, subject: Subject): Promise<SwiftResponse> {
    const response = await this.call(call);
    if (response.status >= 200 && response.status < 300) return response;
    throw await failure(response, subject);
  }
}

/** The ObjectStoreError for an answer that is not a success (its short body read for the message). */
export async function failure(response: SwiftResponse, subject: Subject, objectBytes?: number) {
  const text = await readBody(response.body, 8 * 1024).catch(() => undefined);
  return statusError(response.status, subject, text, objectBytes);
}

/**
 * A 503 is Swift's proxy saying it could not get enough object servers to take the write (a busy one-node
 * Swift under load answers it now and then). Writing the same bytes again is harmless, unless the body was
 * a stream (gone), the write is conditional (a second try could meet its own first one) or its upload
 * order matters (a later try would take a later upload time than writes ordered after it).
 */
function mayRepeat(call: SwiftCall, status: number): boolean {
  if (call.method === "GET" || call.method === "HEAD") return true;
  const bytesOnly = call.body === undefined || call.body instanceof Uint8Array;
  const conditional = Object.keys(call.headers ?? {}).some((name) => name.toLowerCase().startsWith("if-"));
  return status === 503 && call.method !== "DELETE" && bytesOnly && !conditional && !call.onContinue;
}

function mayRetry(error: TransportError, safe: boolean): boolean {
  if (error.code === "TIMEOUT" || error.code === "POOL_BUSY" || error.bodyStarted) return false;
  if (safe || error.code === "ECONNREFUSED") return true;
  // A keep-alive socket that Swift closed as we reused it: the request never reached Swift.
  return error.reusedSocket && ["ECONNRESET", "EPIPE"].includes(error.code);
}

function queryString(query: SwiftCall["query"]): string {
  const parts = Object.entries(query ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
