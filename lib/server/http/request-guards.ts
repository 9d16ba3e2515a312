import "server-only";
import { HttpError, zodMessage } from "./errors";
import type { z } from "zod";

/**
 * CSRF defence for state-changing requests, on top of SameSite=Lax cookies: a browser always
 * sends Origin (or Sec-Fetch-Site) on cross-site POSTs, and it must name this very host.
 */
export function assertSameOrigin(request: Request): void {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new HttpError(403, "forbidden", "Cross-site requests are not allowed.");
  }
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new HttpError(403, "forbidden", "Cross-site requests are not allowed.");
  }
  if (originHost !== host) throw new HttpError(403, "forbidden", "Cross-site requests are not allowed.");
}

/**
 * Reads a JSON body (at most 64 KiB) and validates it; anything else is a 400 that says why.
 * The Content-Type is not insisted on (curl -d sends a form type): CSRF is stopped by SameSite
 * cookies and the Origin check instead.
 */
export async function readJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  what: string,
): Promise<z.infer<T>> {
  const text = await request.text();
  if (text.length > 65_536) throw new HttpError(413, "bad_request", "The request body is too large.");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpError(400, "bad_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, "bad_request", zodMessage(parsed.error, what));
  return parsed.data;
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, "bad_request", zodMessage(parsed.error, what));
  return parsed.data;
}
