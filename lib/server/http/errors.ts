import "server-only";
import { z } from "zod";
import type { ErrorCode } from "@/lib/schemas/api-error";
import { isIdentityError } from "@/lib/server/auth/identity-error";
import { isEngineError, type EngineError } from "@/lib/server/engine/errors";
import { detailOf, logWithReference, withoutInternals } from "@/lib/server/error-reference";
import { isObjectStoreError } from "@/lib/server/object-store/object-store";
import { isSharedCacheError } from "@/lib/server/shared/shared-cache";
import { isTroveCallError } from "@/lib/server/trove/trove-client";
import { storeFailure, type Failure } from "./store-failures";

/** An error that is meant for the person calling the API, with its HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

const isHttpError = (error: unknown): error is HttpError =>
  error instanceof Error &&
  error.name === "HttpError" &&
  typeof (error as { status?: unknown }).status === "number";

const ENGINE_STATUS: Record<EngineError["code"], [number, ErrorCode]> = {
  bad_request: [400, "bad_request"],
  forbidden: [403, "forbidden"],
  not_found: [404, "not_found"],
  conflict: [409, "conflict"],
  service_unavailable: [503, "service_unavailable"],
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
};

/** What a failure looks like to the person who met it: `{error: {code, message, reference?}}`. */
export interface PublicError {
  status: number;
  code: ErrorCode;
  message: string;
  /** The server log has more about this failure under this reference. */
  reference?: string;
  headers?: Record<string, string>;
  /**
   * An upstream service's whole answer when it says more than `message` (a real Trove's guest
   * traceback): answered as `detail` to admins only, who run the service and can act on it.
   */
  adminDetail?: string;
}

export function jsonError(
  status: number,
  code: string,
  message: string,
  headers?: HeadersInit,
  reference?: string,
  detail?: string,
): Response {
  return Response.json(
    { error: { code, message, ...(reference && { reference }), ...(detail && { detail }) } },
    { status, headers: { "Cache-Control": "no-store", ...Object.fromEntries(new Headers(headers)) } },
  );
}

export function zodMessage(error: z.ZodError, what: string): string {
  const details = error.issues.map(
    (issue) => (issue.path.length ? `${issue.path.join(".")}: ` : "") + issue.message,
  );
  return `Invalid ${what}: ${details.join("; ")}`;
}

function knownFailure(error: unknown): Failure | undefined {
  if (isHttpError(error)) {
    return { status: error.status, code: error.code, message: error.message, headers: error.headers };
  }
  if (isIdentityError(error)) return { status: error.status, code: error.code, message: error.message };
  if (isEngineError(error)) {
    const [status, code] = ENGINE_STATUS[error.code];
    return { status, code, message: error.message, detail: detailOf(error), reference: error.reference };
  }
  if (isObjectStoreError(error)) return storeFailure(error);
  if (isSharedCacheError(error)) {
    // Sessions and publish leases live there: without it no replica can tell who is signed in.
    return {
      status: 503,
      code: "service_unavailable",
      message: "The shared session store (memcached) is not answering; try again in a moment.",
      detail: error.message,
    };
  }
  if (isTroveCallError(error)) {
    const code = STATUS_CODES[error.status] ?? "service_unavailable";
    return {
      status: error.status,
      code,
      message: error.message,
      detail: detailOf(error),
      adminDetail: error.troveText,
    };
  }
  return undefined;
}

/**
 * Where an error keeps its description once made: the same error answered twice (a background
 * publish's failure, on the log and in the answer) keeps one reference and one log line. On the error
 * itself under a registered symbol, because Next bundles this module once per entry point.
 */
const DESCRIBED = Symbol.for("trove-logs.described-error");
type Described = { [DESCRIBED]?: PublicError };

/**
 * Every failure as the person who met it sees it. Failures of the server or the services behind it
 * (5xx) are logged with their details under a reference that the answer carries; so are messages
 * that named something internal (withoutInternals). Bad requests are the caller's and not logged.
 * Unexpected errors are 500s whose message says nothing of them.
 */
export function describeError(error: unknown): PublicError {
  const cached = (error as Described | undefined)?.[DESCRIBED];
  if (cached) return cached;
  let result: PublicError;
  const failure = knownFailure(error);
  if (!failure) {
    const reference = logWithReference("internal error", error);
    result = {
      status: 500,
      code: "internal",
      message: "Internal error: the server log has the details.",
      reference,
    };
  } else {
    const { status, code, headers } = failure;
    const message = withoutInternals(failure.message.slice(0, 2000));
    const logged = status >= 500 || message !== failure.message;
    const reference =
      failure.reference ??
      (logged ? logWithReference(`${status} ${failure.message}`, failure.detail) : undefined);
    result = {
      status,
      code,
      message,
      ...(reference && { reference }),
      ...(headers && { headers }),
      ...(failure.adminDetail && { adminDetail: failure.adminDetail.slice(0, 20_000) }),
    };
  }
  if (typeof error === "object" && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, DESCRIBED, { value: result });
  }
  return result;
}

/**
 * Every failure becomes `{error: {code, message, reference?}}`; never a stack trace or an internal
 * address. Admins also get `detail` when an upstream service said more (see PublicError.adminDetail).
 */
export function toErrorResponse(error: unknown, { admin = false }: { admin?: boolean } = {}): Response {
  const { status, code, message, headers, reference, adminDetail } = describeError(error);
  return jsonError(status, code, message, headers, reference, admin ? adminDetail : undefined);
}
