import type { ErrorCode } from "@/lib/schemas/api-error";

/** Why the front door answers a request itself instead of passing it to the app. */
export interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
  headers?: Record<string, string>;
}

/** Every method a route of ours answers; TRACE, CONNECT and the like never reach the app. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const allowed = new Set<string>(ALLOWED_METHODS);

/** Bodies of this app are small JSON documents (a login, a log action); nothing legitimate is larger. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** The API (ours and Trove's); everything else is pages and files, which are only ever read. */
const API_PATH = /^\/(?:api|v1\.0)(?:\/|$)/;

/**
 * The path the app will route: dot segments resolved (`/api/../login` is the login page, and
 * `%2e%2e` counts as `..`, as for Next) and percent-escapes decoded; undefined when one is malformed.
 */
function routedPath(target: string): string | undefined {
  try {
    // Leading slashes collapse first, as Next does (`//x/api` would otherwise read as host `x`).
    const path = target.split("?", 1)[0]!.replace(/^\/+/, "/");
    // Every escape must be valid, even in a segment that `..` removes: `/api/%zz/\..` is malformed too.
    decodeURIComponent(path);
    return decodeURIComponent(new URL(path, "http://placeholder").pathname);
  } catch {
    return undefined;
  }
}

/** Whether the target goes to the API (false for a malformed one). */
export const isApiTarget = (target: string) => API_PATH.test(routedPath(target) ?? "");

/** Whether the target goes to the Trove API, whose errors have Trove's shape. */
export const isTroveTarget = (target: string) => /^\/v1\.0(?:\/|$)/.test(routedPath(target) ?? "");

/**
 * Checks the method and the request target before the app sees them. Next answers a malformed
 * percent-escape with a plain-text 500 and would route `*` or an absolute URL in surprising ways, so
 * those end here with the same JSON error shape as every other API answer.
 */
export function checkRequestLine(method: string, target: string): Refusal | undefined {
  if (!allowed.has(method)) {
    return {
      status: 405,
      code: "method_not_allowed",
      message: `The method ${method} is not allowed here.`,
      headers: { Allow: ALLOWED_METHODS.join(", ") },
    };
  }
  if (!target.startsWith("/")) {
    return {
      status: 400,
      code: "bad_request",
      message: "The request target must be a path, like /api/instances.",
    };
  }
  const decoded = routedPath(target);
  if (decoded === undefined) {
    return {
      status: 400,
      code: "bad_request",
      message: "The request path has a malformed percent-escape (a % not followed by valid UTF-8 hex codes).",
    };
  }
  if (CONTROL_CHARACTERS.test(decoded)) {
    return { status: 400, code: "bad_request", message: "The request path contains control characters." };
  }
  // Next would treat a POST to a page as a Server Action (this app has none) and a POST to a public
  // file as an error of its own: pages and files answer reads only.
  if (!API_PATH.test(decoded) && method !== "GET" && method !== "HEAD") {
    return {
      status: 405,
      code: "method_not_allowed",
      message: `Pages and files are only read here (GET or HEAD), not ${method}.`,
      headers: { Allow: "GET, HEAD" },
    };
  }
  return undefined;
}

/** A declared body larger than the limit is refused before a byte of it is read. */
export function checkDeclaredLength(contentLength: string | undefined): Refusal | undefined {
  if (contentLength === undefined) return undefined;
  const bytes = Number(contentLength);
  if (Number.isFinite(bytes) && bytes <= MAX_REQUEST_BODY_BYTES) return undefined;
  return {
    status: 413,
    code: "payload_too_large",
    message: `The request body is too large: at most ${MAX_REQUEST_BODY_BYTES / 1024} KiB is accepted.`,
  };
}
