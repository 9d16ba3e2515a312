import "server-only";

export type IdentityErrorCode = "unauthorized" | "forbidden" | "bad_request" | "service_unavailable";

/** A sign-in or session failure meant for the person: bad credentials (401), no access (403), identity down (503). */
export class IdentityError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 503,
    readonly code: IdentityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "IdentityError";
  }
}

export const isIdentityError = (error: unknown): error is IdentityError =>
  error instanceof Error &&
  error.name === "IdentityError" &&
  typeof (error as { status?: unknown }).status === "number";
