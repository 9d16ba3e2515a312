import "server-only";
import { z } from "zod";
import { isEngineError } from "@/lib/server/engine/errors";
import { describeError } from "@/lib/server/http/errors";
import { troveFaultBody } from "./fault-names";

/**
 * An error answered in one of the shapes a real Trove answers with. By default Trove's own fault,
 * `{"badRequest": {"code": 400, "message": "…"}}`; the middleware in front of Trove's controllers
 * (keystonemiddleware, webob) answer in their own shapes, made by the helpers below.
 */
export class TroveFault extends Error {
  readonly body: unknown;
  constructor(
    readonly status: number,
    message: string,
    body?: unknown,
  ) {
    super(message);
    this.name = "TroveFault";
    this.body = body ?? troveFaultBody(status, message);
  }
}

const WEBOB_TITLES: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  415: "Unsupported Media Type",
  503: "Service Unavailable",
};

/**
 * What webob answers a JSON client for an HTTP error raised outside Trove's fault wrapper (the
 * tenant check, an unreadable body, keystonemiddleware's 503): its page template, flattened into
 * `message` (`<br /><br />` included), with `code` as a status line.
 */
function webobFault(status: number, text: string): TroveFault {
  const title = WEBOB_TITLES[status]!;
  return new TroveFault(status, text, { message: text, code: `${status} ${title}`, title });
}

/** trove/common/auth.py TenantBasedAuth: the URL's project is not the token's (also: an unscoped token). */
export const tenantMismatch = (tokenProject: string | undefined) =>
  webobFault(
    403,
    `Access was denied to this resource.<br /><br />\nUser with tenant id ${tokenProject ?? "None"} cannot access this resource.\n\n`,
  );

/** Trove's Resource: a JSON body that does not parse. */
export const malformedBody = () => webobFault(400, "Malformed request body<br /><br />\n\n\n");

/** Trove's Resource: a body whose Content-Type is not JSON. */
export const unsupportedMediaType = (contentType: string) =>
  webobFault(415, `The request media type ${contentType} is not supported by this server.\n<br /><br />\n`);

/** keystonemiddleware: no token, or one Keystone does not take. */
export const keystoneRejection = () => {
  const message = "The request you have made requires authentication.";
  return new TroveFault(401, message, { error: { code: 401, title: "Unauthorized", message } });
};

/** keystonemiddleware: Keystone cannot check the token. */
export const keystoneUnavailable = () =>
  webobFault(
    503,
    "The server is currently unavailable. Please try again at a later time.<br /><br />\nThe Keystone service is temporarily unavailable.\n\n",
  );

/** trove/common/exception.py NotFound, as Trove answers an unknown (or another tenant's) instance. */
export const instanceNotFound = (id: string) => new TroveFault(404, `Resource ${id} cannot be found.`);

export function faultResponse(fault: TroveFault): Response {
  return Response.json(fault.body, { status: fault.status, headers: { "Cache-Control": "no-store" } });
}

/** Errors a real Trove reports from its guest agent come back as 400 with this prefix. */
export const guestError = (message: string) =>
  new TroveFault(400, `An error occurred communicating with the guest: ${message}`);

/** The message with the server log's reference, where Trove's fault shape has no field for it. */
const withReference = (message: string, reference?: string) =>
  reference ? `${message} (reference ${reference})` : message;

/** A body that is not what a log action takes: 400 (Trove answers a missing `name` with a 500). */
function badBody(error: z.ZodError): TroveFault {
  if (
    error.issues.some(
      (issue) => issue.path.length === 0 || (issue.path[0] === "name" && issue.code === "invalid_type"),
    )
  ) {
    return new TroveFault(
      400,
      `The request body must be a JSON object naming the log: {"name": "<log name>", …}.`,
    );
  }
  return new TroveFault(
    400,
    error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
  );
}

/**
 * Maps our failures onto what Trove answers: unknown instance 404 in Trove's words; everything the
 * guest agent refuses (unknown log, SYS toggles, admin-only logs, missing file) 400 with Trove's
 * guest prefix, its first line only. Everything else as the dashboard API answers it (describeError:
 * no internal address, failures of the server logged under a reference), in Trove's shape; a full
 * object store is 503 here, Trove's status for "try again later" (python-troveclient knows no 507).
 */
export function toFaultResponse(error: unknown, instanceId?: string): Response {
  if (error instanceof TroveFault) return faultResponse(error);
  if (error instanceof z.ZodError) return faultResponse(badBody(error));
  const { status, message, reference } = describeError(error);
  const text = withReference(message, reference);
  if (isEngineError(error)) {
    if (error.code === "not_found" && error.message.startsWith("Instance ") && instanceId) {
      return faultResponse(instanceNotFound(instanceId));
    }
    if (error.message === "Cannot enable and disable log.") return faultResponse(new TroveFault(400, text));
    if (error.code === "service_unavailable") return faultResponse(new TroveFault(503, text));
    return faultResponse(guestError(text));
  }
  if (status === 500) {
    return faultResponse(
      new TroveFault(
        500,
        `Internal Server Error. Please keep this ID to help us figure out what went wrong: (${reference}).`,
      ),
    );
  }
  return faultResponse(new TroveFault(status === 507 ? 503 : status, text));
}
