import "server-only";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/front/forwarded";

/**
 * The client's network address, for per-address limits (sign-in throttling). It is trusted only
 * because the front door (lib/server/front/forwarded.ts) sets this header on every request from the connection's
 * peer (or X-Forwarded-For, when the operator says a proxy is in front) and drops any copy the client
 * sent; behind anything else a client could choose it. "unknown" when it is missing.
 */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER)?.trim() || "unknown";
}
