import "server-only";
import type { z } from "zod";
import type { Caller } from "@/lib/server/backend/log-backend";
import { isAdminPrincipal, type Principal } from "@/lib/server/auth/identity-provider";
import { readCookie, SESSION_COOKIE } from "@/lib/server/auth/session-cookie";
import { noteCaller } from "@/lib/server/ops/request-context";
import { getRuntime, type Runtime } from "@/lib/server/runtime";
import { HttpError, toErrorResponse } from "./errors";
import { assertSameOrigin, parseWith } from "./request-guards";

/** What Next passes as the second argument of a route handler. */
export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export interface SignedIn {
  /** Who is signed in (server side only: in Keystone mode it holds the token). */
  session: Principal;
  /** The session cookie's value, for handlers that replace or end the session. */
  cookie: string;
  caller: Caller;
}

export interface Handled<P> {
  request: Request;
  params: P;
  runtime: Runtime;
}

/** What backends are told about the person calling (the token only in Keystone mode). */
export function callerOf(principal: Principal): Caller {
  const caller: Caller = {
    userId: principal.userId,
    projectId: principal.projectId,
    isAdmin: isAdminPrincipal(principal),
  };
  if (principal.token) caller.token = principal.token;
  if (principal.catalog) caller.catalog = principal.catalog;
  return caller;
}

/**
 * The request's session, validated by the identity provider (Keystone: cached briefly), or
 * undefined when there is none or it ended (expired, revoked). Keystone unreachable: a 503 error.
 */
export async function currentSession(request: Request, runtime: Runtime): Promise<SignedIn | undefined> {
  return sessionOfCookie(readCookie(request.headers.get("cookie"), SESSION_COOKIE), runtime);
}

/** The session a session cookie's value stands for (pages read the cookie through Next's `cookies()`). */
export async function sessionOfCookie(
  cookie: string | undefined,
  runtime: Runtime,
): Promise<SignedIn | undefined> {
  if (!cookie) return undefined;
  const stored = await runtime.sessions.read(cookie);
  if (!stored) return undefined;
  const session = await runtime.identity.validate(stored);
  if (!session) {
    await runtime.sessions.delete(cookie);
    return undefined;
  }
  if (session !== stored) runtime.sessions.refresh(cookie, session);
  return { session, cookie, caller: callerOf(session) };
}

type NoParams = z.ZodType<Record<string, never>>;

interface Options<P extends z.ZodType> {
  params?: P;
  /** The Admin dashboard's API: members get 403. */
  adminOnly?: boolean;
  /** POST/DELETE handlers: refuse cross-site requests. */
  mutation?: boolean;
}

function handle<P extends z.ZodType, S>(
  options: Options<P>,
  authenticate: (request: Request, runtime: Runtime) => Promise<S>,
  handler: (context: Handled<z.infer<P>> & S) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    let runtime: Runtime | undefined;
    let signedIn: S | undefined;
    try {
      if (options.mutation) assertSameOrigin(request);
      runtime = await getRuntime();
      signedIn = await authenticate(request, runtime);
      const caller = (signedIn as Partial<SignedIn>).caller;
      if (caller) noteCaller(caller); // for the request log
      const params = (
        options.params ? parseWith(options.params, await context.params, "path") : {}
      ) as z.infer<P>;
      return await handler({ request, params, runtime, ...signedIn });
    } catch (error) {
      const session = (signedIn as Partial<SignedIn> | undefined) ?? {};
      const response = toErrorResponse(error, { admin: session.caller?.isAdmin });
      // A 401 after the session was accepted comes from a service behind the dashboard (Trove's or
      // Swift's keystonemiddleware) that refused the session's token: expired or revoked in Keystone
      // before this dashboard's cached check noticed. The session is over: ended here too.
      if (response.status === 401 && session.cookie && runtime) await runtime.sessions.delete(session.cookie);
      return response;
    }
  };
}

/** A public route (login): JSON errors, CSRF check, params validated. */
export function publicRoute<P extends z.ZodType = NoParams>(
  options: Options<P>,
  handler: (context: Handled<z.infer<P>>) => Promise<Response>,
) {
  return handle(options, async () => ({}), handler);
}

/** A route for signed-in users: 401 without a valid session, before anything else is looked at. */
export function sessionRoute<P extends z.ZodType = NoParams>(
  options: Options<P>,
  handler: (context: Handled<z.infer<P>> & SignedIn) => Promise<Response>,
) {
  return handle(
    options,
    async (request, runtime) => {
      const signedIn = await currentSession(request, runtime);
      if (!signedIn) {
        throw new HttpError(401, "unauthorized", "You are not logged in, or your session has expired.");
      }
      if (options.adminOnly && !signedIn.caller.isAdmin) {
        throw new HttpError(403, "forbidden", "The Admin dashboard is for administrators only.");
      }
      return signedIn;
    },
    handler,
  );
}
