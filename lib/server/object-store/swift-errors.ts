import "server-only";

import { STATUS_CODES } from "node:http";

import { ObjectStoreError, OUT_OF_SPACE } from "./object-store";

/** A failure below HTTP: nothing (usable) came back. `bodyStarted`: a streamed body was (partly) consumed. */
export class TransportError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly reusedSocket: boolean,
    readonly bodyStarted: boolean,
  ) {
    super(`${code}: ${detail}`);
    this.name = "TransportError";
  }
}

/** What a request was about, so errors read like the local store's. */
export type Subject =
  | { kind: "account" }
  | { kind: "container"; container: string }
  | { kind: "object"; container: string; name: string };

const reason = (status: number) => `${status} ${STATUS_CODES[status] ?? "Unknown"}`;

/** Swift's error page as one line of text: `<html><h1>Conflict</h1><p>…</p></html>` → `Conflict: …`. */
export function errorText(body: Buffer | undefined): string {
  if (!body || body.length === 0) return "";
  const text = body
    .toString("utf8", 0, Math.min(body.length, 1024))
    .replace(/<\/h1>/gi, ": ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Swift's quota middlewares answer 413 with this when an account or container quota is used up. */
const QUOTA_TEXT = /quota/i;

/**
 * An ObjectStoreError for a Swift answer that is not a success. Swift's own error page goes to
 * `detail` (the server log), not into the message: a proxy in front may name internal hosts in it.
 */
export function statusError(status: number, subject: Subject, body?: Buffer, objectBytes?: number) {
  const text = errorText(body);
  const detail = text ? `Swift said: ${text}` : undefined;
  if (status === 404) {
    if (subject.kind === "object") {
      return new ObjectStoreError(404, `Object ${subject.container}/${subject.name} not found`);
    }
    if (subject.kind === "container")
      return new ObjectStoreError(404, `Container ${subject.container} not found`);
    return new ObjectStoreError(404, "Swift account not found");
  }
  if (status === 409 && subject.kind === "container") {
    return new ObjectStoreError(409, `Container ${subject.container} is not empty`);
  }
  if (status === 416) {
    const size = objectBytes === undefined ? "" : ` (object is ${objectBytes} bytes)`;
    return new ObjectStoreError(416, `Requested range not satisfiable${size}`);
  }
  if (status === 401 || status === 403)
    return new ObjectStoreError(status, `Swift refused the request (${reason(status)})`, detail);
  if (status === 422) {
    return new ObjectStoreError(502, `Swift stored different bytes than were sent (${reason(status)})`);
  }
  // The object servers' disks are full (a proxy mostly turns that into 503), or a quota is used up.
  if (status === 507) return new ObjectStoreError(507, `${OUT_OF_SPACE} (Swift: ${reason(status)})`, detail);
  if (status === 413 && QUOTA_TEXT.test(text)) {
    return new ObjectStoreError(507, `${OUT_OF_SPACE}: the project's Swift quota is used up`, detail);
  }
  if (status >= 500) {
    const mapped = status === 503 || status === 504 ? status : 502;
    return new ObjectStoreError(mapped, `Swift failed (${reason(status)})`, detail);
  }
  // 400, 411, 412 (Swift's answer to a bad listing parameter), 413 and the like: the request was refused.
  const mapped = status === 412 ? 400 : status;
  return new ObjectStoreError(mapped, `Swift rejected the request (${reason(status)})`, detail);
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** An ObjectStoreError for a request that got no answer; where it went (`origin`, `what`) is only logged. */
export function transportFailure(error: TransportError, origin: string, what: string, timeoutMs: number) {
  const seconds = timeoutMs / 1000;
  if (error.code === "TIMEOUT") {
    return new ObjectStoreError(504, `Swift did not answer within ${seconds} s`, what);
  }
  if (error.code === "POOL_BUSY") {
    return new ObjectStoreError(503, `Every connection to Swift stayed busy for ${seconds} s`, origin);
  }
  if (UNREACHABLE.has(error.code))
    return new ObjectStoreError(503, `Swift is unreachable (${error.code})`, `${origin}: ${error.detail}`);
  return new ObjectStoreError(
    503,
    `Swift dropped the connection (${error.code})`,
    `${what}: ${error.detail}`,
  );
}
