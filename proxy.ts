import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIE = "trove_logs_session";

/**
 * Pages need a session: without the cookie, go to the login page and come back afterwards.
 * (The cookie is verified by the API; this only saves a round trip for visitors without one.)
 */
export function proxy(request: NextRequest) {
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const login = new URL("/login", request.url);
  const next = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (next !== "/") login.searchParams.set("next", next);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api|v1\\.0|login|_next|favicon.ico|icon.svg|robots.txt).*)"],
};
