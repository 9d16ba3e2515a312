import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { logWithReference } from "@/lib/server/error-reference";
import { requestIdFrom, runWithRequest } from "@/lib/server/ops/request-context";
import { observeRequest, type RequestLogOptions } from "@/lib/server/ops/request-log";
import { keepDeclaredLength } from "./declared-length";
import { applyForwarding } from "./forwarded";
import { answerUnderWay, lingerAfterEarlyAnswer } from "./linger";
import { answerOps, type OpsEndpoints } from "./ops-endpoints";
import { troveFaultBody } from "@/lib/server/trove-api/fault-names";
import {
  checkDeclaredLength,
  checkRequestLine,
  isApiTarget,
  isTroveTarget,
  type Refusal,
} from "./request-line";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./security-headers";

export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface FrontDoorOptions {
  trustProxy: boolean;
  /** TROVE_LOGS_REPLICA_NAME: answered as X-Served-By, so an operator sees which replica answered. */
  replicaName?: string;
  /** The app (Next's request handler). */
  handle: NodeHandler;
  /** Metrics and the JSON request log, per request. */
  requestLog?: RequestLogOptions;
  /** /healthz, /readyz and /metrics. */
  ops?: OpsEndpoints;
}

/** Our API's error shape; Trove's fault for the Trove API (`{"overLimit": {"code": 413, …}}`). */
const errorBody = (refusal: Refusal, target: string) =>
  JSON.stringify(
    isTroveTarget(target)
      ? troveFaultBody(refusal.status, refusal.message)
      : { error: { code: refusal.code, message: refusal.message } },
  );

/** Answers a refused request without reading its body (what the client still sends is dropped: linger.ts). */
function refuse(response: ServerResponse, refusal: Refusal, target: string): void {
  const body = errorBody(refusal, target);
  response.writeHead(refusal.status, {
    ...refusal.headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  response.end(body);
}

/**
 * What every request passes before the app: the method and target are sane, a declared body is
 * within the limit, forwarding headers are believed only from a trusted proxy, and every answer
 * carries the security headers (with a per-response CSP nonce Next puts on its inline scripts).
 * Registered for `request` and `checkContinue`, so an oversized upload is refused before the client
 * even sends it.
 */
export function createFrontDoor(options: FrontDoorOptions) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    // Every answer names its request, as the request log and error lines do (the app reads it too).
    const facts = { requestId: requestIdFrom(request.headers["x-request-id"]) };
    request.headers["x-request-id"] = facts.requestId;
    response.setHeader("X-Request-Id", facts.requestId);
    if (options.requestLog) observeRequest(request, response, facts, options.requestLog);
    runWithRequest(facts, () => serve(options, request, response));
  };
}

function serve(options: FrontDoorOptions, request: IncomingMessage, response: ServerResponse): void {
  lingerAfterEarlyAnswer(request, response);
  keepDeclaredLength(response);
  const nonce = createNonce();
  for (const [name, value] of Object.entries(securityHeaders(nonce))) response.setHeader(name, value);
  if (options.replicaName) response.setHeader("X-Served-By", options.replicaName);
  const refusal =
    checkRequestLine(request.method ?? "", request.url ?? "") ??
    checkDeclaredLength(request.headers["content-length"]);
  if (refusal) return refuse(response, refusal, request.url ?? "");
  applyForwarding(request.headers, request.socket.remoteAddress, options.trustProxy);
  if (options.ops && answerOps(request, response, options.ops)) return;
  // Nothing of this site is served in parts, and Next's file handler fails (500) on a malformed Range.
  if (!isApiTarget(request.url ?? "")) {
    delete request.headers.range;
    delete request.headers["if-range"];
  }
  // This app has no Server Actions; Next would look for one named here and log a stack trace.
  delete request.headers["next-action"];
  request.headers["content-security-policy"] = contentSecurityPolicy(nonce);
  if (request.headers.expect?.toLowerCase() === "100-continue") response.writeContinue();
  options.handle(request, response).catch((error: unknown) => {
    const reference = logWithReference("the app failed to answer", error);
    if (!response.headersSent) {
      refuse(
        response,
        {
          status: 500,
          code: "internal",
          message: `Internal error (reference ${reference}); the server log has the details.`,
        },
        request.url ?? "",
      );
    } else response.destroy();
  });
}

/**
 * Requests Node's HTTP parser rejects (bad header syntax, oversized headers, unknown methods) get
 * the same JSON error shape; a connection that is already gone is just closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const answered = answerUnderWay(socket);
  if (answered) {
    // The parser can't go on: the connection ends once the answer already begun is out.
    if (answered.writableFinished) socket.end();
    else answered.once("finish", () => socket.end());
    return;
  }
  const status =
    error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const body = errorBody(
    {
      status,
      code: "bad_request",
      message:
        status === 431
          ? "The request headers are too large."
          : status === 408
            ? "The request took too long to arrive."
            : "The request is malformed.",
    },
    "", // the parser gave up before the target was known
  );
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
      `X-Request-Id: ${requestIdFrom(undefined)}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
