import { paths } from "@/lib/paths";
import { ApiError } from "./fetcher";

let redirecting = false;

/** A 401 from any API call means the session is gone (expired or logged out elsewhere). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/**
 * Back to the login page, which brings the user back here afterwards. A full page load on purpose:
 * it also drops every cached query of the old session.
 */
export function redirectToLogin(): void {
  if (redirecting || typeof window === "undefined") return;
  const { pathname, search } = window.location;
  if (pathname === "/login") return;
  redirecting = true;
  window.location.assign(paths.login(`${pathname}${search}`, "expired"));
}
