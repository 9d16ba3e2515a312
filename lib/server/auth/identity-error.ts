import "server-only";

export type IdentityErrorCode =
  "unauthorized" | "forbidden" | "bad_request" | "too_many_requests" | "service_unavailable";

/**
 * A sign-in or session failure meant for the person: bad credentials (401), no access (403), too many
 * failed sign-ins (429), identity down or busy (503). `retryAfterSeconds`: when trying again makes sense.
 */
export class IdentityError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 429 | 503,
    readonly code: IdentityErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "IdentityError";
  }
}

export const isIdentityError = (error: unknown): error is IdentityError =>
  error instanceof Error &&
  error.name === "IdentityError" &&
  typeof (error as { status?: unknown }).status === "number";
