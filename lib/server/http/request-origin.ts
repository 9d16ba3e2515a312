import "server-only";
import { env } from "@/lib/env";

/**
 * The origin the browser used for this request. X-Forwarded-Proto/-Host count only when the operator
 * says a proxy is in front (TROVE_LOGS_TRUST_PROXY); otherwise they are a client's claim, and the
 * answer is this connection's own: its scheme (the front door drops forged forwarding headers, so
 * Next derives the request URL from the socket) and the Host header.
 */
export function requestOrigin(
  request: Request,
  trustProxy = env().TROVE_LOGS_TRUST_PROXY,
): { scheme: string; host: string; origin: string } {
  const url = new URL(request.url);
  const trusted = (name: string) =>
    trustProxy ? request.headers.get(name)?.split(",")[0]?.trim() || undefined : undefined;
  const scheme = (trusted("x-forwarded-proto") ?? url.protocol.replace(":", "")).toLowerCase();
  const host = trusted("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  return { scheme, host, origin: `${scheme}://${host}` };
}

/** Whether `origin` (an Origin header) names exactly this request's origin: scheme, host and port. */
export function isSameOrigin(origin: string, request: Request, trustProxy?: boolean): boolean {
  try {
    return new URL(origin).origin === new URL(requestOrigin(request, trustProxy).origin).origin;
  } catch {
    return false; // "null", garbage: not this origin
  }
}
