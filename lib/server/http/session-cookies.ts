import "server-only";
import type { Principal } from "@/lib/server/auth/identity-provider";
import { sessionCookie } from "@/lib/server/auth/session-cookie";
import type { Runtime } from "@/lib/server/runtime";
import { requestOrigin } from "./request-origin";

/** `auto`: Secure when the browser came over https (as a trusted proxy or the connection itself says). */
function isSecure(request: Request, runtime: Runtime): boolean {
  const setting = runtime.env.TROVE_LOGS_COOKIE_SECURE;
  if (setting !== "auto") return setting === "true";
  return requestOrigin(request).scheme === "https";
}

/** The Set-Cookie header for a session: it lasts as long as the session (at most the session lifetime). */
export function setSessionCookie(
  request: Request,
  runtime: Runtime,
  value: string,
  principal: Principal,
): string {
  const ttl = runtime.env.TROVE_LOGS_SESSION_TTL;
  const remaining = Math.ceil((principal.expiresAt - Date.now()) / 1000);
  return sessionCookie(value, {
    maxAge: Math.max(1, Math.min(ttl, remaining)),
    secure: isSecure(request, runtime),
  });
}

export function clearSessionCookie(request: Request, runtime: Runtime): string {
  return sessionCookie("", { maxAge: 0, secure: isSecure(request, runtime) });
}
