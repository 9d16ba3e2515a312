import "server-only";
import { sealSession, sessionCookie, type Session } from "@/lib/server/auth/session-cookie";
import type { Runtime } from "@/lib/server/runtime";

function isSecure(request: Request, runtime: Runtime): boolean {
  const setting = runtime.env.TROVE_LOGS_COOKIE_SECURE;
  if (setting !== "auto") return setting === "true";
  const forwarded = request.headers.get("x-forwarded-proto");
  return (forwarded ?? new URL(request.url).protocol.replace(":", "")) === "https";
}

export async function setSessionCookie(
  request: Request,
  runtime: Runtime,
  session: Session,
): Promise<string> {
  const ttl = runtime.env.TROVE_LOGS_SESSION_TTL;
  const sealed = await sealSession(session, runtime.sessionSecret, ttl);
  return sessionCookie(sealed, { maxAge: ttl, secure: isSecure(request, runtime) });
}

export function clearSessionCookie(request: Request, runtime: Runtime): string {
  return sessionCookie("", { maxAge: 0, secure: isSecure(request, runtime) });
}
