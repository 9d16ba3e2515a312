import "server-only";

/** The request header that carries the client's address to the app. */
export const CLIENT_ADDRESS_HEADER = "x-trove-logs-client";

/**
 * The client's network address, for per-address limits (sign-in throttling). It is trusted only
 * because the front server (scripts/start.mjs) sets this header on every request from the connection's
 * peer (or X-Forwarded-For, when the operator says a proxy is in front) and drops any copy the client
 * sent; behind anything else a client could choose it. "unknown" when it is missing.
 */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER)?.trim() || "unknown";
}
