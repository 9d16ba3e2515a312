import "server-only";

export type EngineErrorCode = "bad_request" | "forbidden" | "not_found" | "conflict" | "service_unavailable";

/**
 * A refusal the caller can act on; the message is written for a person and reaches them unchanged.
 * `detail` (a file path, a server's address and words) is for the server log only; `reference` is set
 * when it was logged already (a datastore fault), so the answer quotes the same line.
 */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly detail?: string,
    readonly reference?: string,
  ) {
    super(message);
    this.name = "EngineError";
  }
}

export const badRequest = (message: string, detail?: string) =>
  new EngineError("bad_request", message, detail);
export const forbidden = (message: string) => new EngineError("forbidden", message);
export const notFound = (message: string) => new EngineError("not_found", message);

/** By name and shape rather than instanceof (see isObjectStoreError). */
export const isEngineError = (error: unknown): error is EngineError =>
  error instanceof Error &&
  error.name === "EngineError" &&
  typeof (error as { code?: unknown }).code === "string";
