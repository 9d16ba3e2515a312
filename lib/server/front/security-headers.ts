import { randomBytes } from "node:crypto";

/** A fresh nonce per response: Next puts it on its own inline scripts (it reads it from the request's CSP). */
export const createNonce = () => randomBytes(16).toString("base64");

/**
 * The page policy: scripts only from this origin or carrying this response's nonce (Next's inline
 * bootstrap scripts get it), no plugins, no framing, forms and fetches to this origin only. Inline
 * *styles* stay allowed: React and the virtualized viewer position rows with style attributes.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers on every response, API and pages alike. */
export function securityHeaders(nonce: string): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
}
