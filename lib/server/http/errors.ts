import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ErrorCode } from "@/lib/schemas/api-error";
import { isIdentityError } from "@/lib/server/auth/identity-error";
import { isEngineError, type EngineError } from "@/lib/server/engine/errors";
import { isObjectStoreError } from "@/lib/server/object-store/object-store";

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

export function jsonError(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return Response.json(
    { error: { code, message } },
    { status, headers: { "Cache-Control": "no-store", ...Object.fromEntries(new Headers(headers)) } },
  );
}

export function zodMessage(error: z.ZodError, what: string): string {
  const details = error.issues.map(
    (issue) => (issue.path.length ? `${issue.path.join(".")}: ` : "") + issue.message,
  );
  return `Invalid ${what}: ${details.join("; ")}`;
}

/** Every failure becomes `{error: {code, message}}`; unexpected ones are logged, never echoed. */
export function toErrorResponse(error: unknown): Response {
  if (isHttpError(error)) return jsonError(error.status, error.code, error.message, error.headers);
  if (isIdentityError(error)) {
    if (error.status === 503) console.error("[trove-logs] identity service:", error.message);
    return jsonError(error.status, error.code, error.message);
  }
  if (isEngineError(error)) {
    const [status, code] = ENGINE_STATUS[error.code];
    return jsonError(status, code, error.message);
  }
  if (isObjectStoreError(error)) {
    if (error.status === 416) return jsonError(416, "range_not_satisfiable", error.message);
    console.error("[trove-logs] object store error:", error.message);
    return jsonError(
      503,
      "service_unavailable",
      `The object store could not complete the request: ${error.message}`,
    );
  }
  const id = randomUUID();
  console.error(`[trove-logs] internal error ${id}:`, error);
  return jsonError(500, "internal", `Internal error (reference ${id}); the server log has the details.`);
}
