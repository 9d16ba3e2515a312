import "server-only";
import { z } from "zod";
import { isIdentityError } from "@/lib/server/auth/identity-error";
import { isEngineError } from "@/lib/server/engine/errors";
import { isObjectStoreError } from "@/lib/server/object-store/object-store";

/** Trove's fault names by HTTP status (trove/common/wsgi.py Fault._get_error_name). */
const FAULT_NAMES: Record<number, string> = {
  400: "badRequest",
  401: "unauthorized",
  403: "forbidden",
  404: "itemNotFound",
  405: "badMethod",
  413: "overLimit",
  415: "badMediaType",
  422: "unprocessableEntity",
  500: "instanceFault",
  501: "notImplemented",
  503: "serviceUnavailable",
};

/** An error answered in Trove's own shape: `{"badRequest": {"code": 400, "message": "…"}}`. */
export class TroveFault extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "TroveFault";
  }
}

export function faultResponse(status: number, message: string): Response {
  const name = FAULT_NAMES[status] ?? "computeFault";
  return Response.json(
    { [name]: { code: status, message } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

/** Errors a real Trove reports from its guest agent come back as 400 with this prefix. */
export const guestError = (message: string) =>
  new TroveFault(400, `An error occurred communicating with the guest: ${message}`);

/**
 * Maps our failures onto what Trove answers: unknown instance 404; everything the guest agent
 * refuses (unknown log, SYS toggles, admin-only logs, missing file) 400 with Trove's guest prefix.
 */
export function toFaultResponse(error: unknown): Response {
  if (error instanceof TroveFault) return faultResponse(error.status, error.message);
  if (error instanceof z.ZodError) {
    return faultResponse(
      400,
      error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
    );
  }
  if (isEngineError(error)) {
    if (error.code === "not_found" && error.message.startsWith("Instance "))
      return faultResponse(404, error.message);
    if (error.message === "Cannot enable and disable log.") return faultResponse(400, error.message);
    if (error.code === "service_unavailable") return faultResponse(503, error.message);
    return faultResponse(400, guestError(error.message).message);
  }
  if (isIdentityError(error)) return faultResponse(error.status, error.message);
  if (isObjectStoreError(error)) {
    return faultResponse(500, `Could not reach the object store (Swift): ${error.message}`);
  }
  console.error("[trove-logs] Trove API internal error:", error);
  return faultResponse(
    500,
    "Internal Server Error. Please keep this ID to help us figure out what went wrong: (see the server log).",
  );
}
