// Plain TypeScript (no server-only): the front door answers Trove's paths in this shape too.

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

/** `{"badRequest": {"code": 400, "message": "…"}}` */
export const troveFaultBody = (status: number, message: string) => ({
  [FAULT_NAMES[status] ?? "computeFault"]: { code: status, message },
});
