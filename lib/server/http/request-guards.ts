import "server-only";
import type { z } from "zod";
import { HttpError, zodMessage } from "./errors";
import { BodyIncompleteError, BodyTooLargeError, readBodyText } from "./request-body";
import { isSameOrigin } from "./request-origin";

/**
 * CSRF defence for state-changing requests, on top of SameSite=Lax cookies: a browser always
 * sends Origin (or Sec-Fetch-Site) on cross-site POSTs, and it must name this very origin — scheme,
 * host and port (an http page may not post to the https site, nor the other way round).
 */
export function assertSameOrigin(request: Request): void {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new HttpError(403, "forbidden", "Cross-site requests are not allowed.");
  }
  const origin = request.headers.get("origin");
  if (origin !== null && !isSameOrigin(origin, request)) {
    throw new HttpError(403, "forbidden", "Cross-site requests are not allowed.");
  }
}

/**
 * Reads a JSON body (at most 64 KiB, never read further) and validates it; anything else is a 400 or
 * 413 that says why. The Content-Type is not insisted on (curl -d sends a form type): CSRF is stopped
 * by SameSite cookies and the Origin check instead.
 */
export async function readJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  what: string,
): Promise<z.infer<T>> {
  let text: string;
  try {
    text = await readBodyText(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new HttpError(413, "payload_too_large", error.message);
    if (error instanceof BodyIncompleteError) throw new HttpError(400, "bad_request", error.message);
    throw error;
  }
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
