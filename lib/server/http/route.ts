import "server-only";
import type { z } from "zod";
import type { Caller } from "@/lib/server/backend/log-backend";
import { readCookie, SESSION_COOKIE, unsealSession, type Session } from "@/lib/server/auth/session-cookie";
import { getRuntime, type Runtime } from "@/lib/server/runtime";
import { HttpError, toErrorResponse } from "./errors";
import { assertSameOrigin, parseWith } from "./request-guards";

/** What Next passes as the second argument of a route handler. */
export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export interface SignedIn {
  session: Session;
  caller: Caller;
}

export interface Handled<P> {
  request: Request;
  params: P;
  runtime: Runtime;
}

export async function currentSession(request: Request, runtime: Runtime): Promise<SignedIn | undefined> {
  const sealed = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  const session = sealed ? await unsealSession(sealed, runtime.sessionSecret) : undefined;
  if (!session) return undefined;
  const user = runtime.identity.user(session.userId);
  if (!user || !user.projectIds.includes(session.projectId)) return undefined;
  return {
    session,
    caller: { userId: user.id, projectId: session.projectId, isAdmin: user.roles.includes("admin") },
  };
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
    try {
      if (options.mutation) assertSameOrigin(request);
      const runtime = await getRuntime();
      const signedIn = await authenticate(request, runtime);
      const params = (
        options.params ? parseWith(options.params, await context.params, "path") : {}
      ) as z.infer<P>;
      return await handler({ request, params, runtime, ...signedIn });
    } catch (error) {
      return toErrorResponse(error);
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
