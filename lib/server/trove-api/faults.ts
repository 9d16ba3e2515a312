import "server-only";
import { z } from "zod";
import { isEngineError } from "@/lib/server/engine/errors";
import { describeError } from "@/lib/server/http/errors";

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

/** The message with the server log's reference, where Trove's fault shape has no field for it. */
const withReference = (message: string, reference?: string) =>
  reference ? `${message} (reference ${reference})` : message;

/**
 * Maps our failures onto what Trove answers: unknown instance 404; everything the guest agent
 * refuses (unknown log, SYS toggles, admin-only logs, missing file) 400 with Trove's guest prefix.
 * Everything else as the dashboard API answers it (describeError: no internal address, failures of
 * the server logged under a reference), in Trove's shape; a full object store is 503 here, Trove's
 * status for "try again later" (python-troveclient knows no 507).
 */
export function toFaultResponse(error: unknown): Response {
  if (error instanceof TroveFault) return faultResponse(error.status, error.message);
  if (error instanceof z.ZodError) {
    return faultResponse(
      400,
      error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
    );
  }
  const { status, message, reference } = describeError(error);
  const text = withReference(message, reference);
  if (isEngineError(error)) {
    if (error.code === "not_found" && error.message.startsWith("Instance ")) return faultResponse(404, text);
    if (error.message === "Cannot enable and disable log.") return faultResponse(400, text);
    if (error.code === "service_unavailable") return faultResponse(503, text);
    return faultResponse(400, guestError(text).message);
  }
  if (status === 500) {
    return faultResponse(
      500,
      `Internal Server Error. Please keep this ID to help us figure out what went wrong: (${reference}).`,
    );
  }
  return faultResponse(status === 507 ? 503 : status, text);
}
