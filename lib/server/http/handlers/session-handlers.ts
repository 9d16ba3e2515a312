import "server-only";
import { loginBodySchema } from "@/lib/schemas/auth";
import { projectSwitchBodySchema } from "@/lib/schemas/log-view";
import { isIdentityError } from "@/lib/server/auth/identity-error";
import { readCookie, SESSION_COOKIE } from "@/lib/server/auth/session-cookie";
import { clientAddress } from "../client-address";
import { HttpError } from "../errors";
import { readJsonBody } from "../request-guards";
import { json } from "../respond";
import { publicRoute, sessionRoute } from "../route";
import { clearSessionCookie, setSessionCookie } from "../session-cookies";
import { sessionView } from "../session-view";

const NO_STORE = { "Cache-Control": "no-store" };

/** GET /api/auth/config — which identity signs people in (the login form's fields depend on it). */
export const authConfigHandler = () =>
  publicRoute({}, async ({ runtime }) =>
    json({
      identity: runtime.identity.kind,
      default_domain:
        runtime.identity.kind === "keystone" ? runtime.env.TROVE_LOGS_KEYSTONE_USER_DOMAIN : null,
    }),
  );

/** A refusal that says when to try again (429 throttled, 503 busy) keeps saying it in Retry-After. */
function withRetryAfter(error: unknown): never {
  if (isIdentityError(error) && error.retryAfterSeconds !== undefined) {
    throw new HttpError(error.status, error.code, error.message, {
      "Retry-After": String(error.retryAfterSeconds),
    });
  }
  throw error;
}

/**
 * POST /api/auth/login — {username, password, project?, domain?} → session cookie + the session view.
 * Throttled per user name and per client address: 429 with Retry-After, the password unchecked.
 */
export const loginHandler = () =>
  publicRoute({ mutation: true }, async ({ request, runtime }) => {
    const body = await readJsonBody(request, loginBodySchema, "login");
    const principal = await runtime.identity
      .authenticate(body.username, body.password, {
        project: body.project,
        domain: body.domain,
        client: clientAddress(request),
      })
      .catch(withRetryAfter);
    const cookie = setSessionCookie(request, runtime, await runtime.sessions.create(principal), principal);
    return Response.json(sessionView(principal, runtime), { headers: { "Set-Cookie": cookie, ...NO_STORE } });
  });

/** GET /api/auth/session — who is signed in, in which project (401 when nobody). */
export const sessionHandler = () =>
  sessionRoute({}, async ({ session, runtime }) => json(sessionView(session, runtime)));

/**
 * POST /api/auth/logout — ends the session on the server (every copy of the cookie is then refused) and
 * revokes its Keystone token. Keystone unreachable does not keep anyone signed in: the session is
 * dropped all the same (`revoked: false`).
 */
export const logoutHandler = () =>
  publicRoute({ mutation: true }, async ({ request, runtime }) => {
    const cookie = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
    const principal = cookie ? await runtime.sessions.read(cookie) : undefined;
    let revoked = true;
    if (cookie && principal) {
      try {
        await runtime.identity.logout(principal);
      } catch (error) {
        revoked = false;
        console.warn(`[trove-logs] logout of ${principal.userName}: ${(error as Error).message}`);
      }
      await runtime.sessions.delete(cookie);
    }
    return Response.json(
      { ok: true, ...(runtime.identity.kind === "keystone" ? { revoked } : {}) },
      { headers: { "Set-Cookie": clearSessionCookie(request, runtime), ...NO_STORE } },
    );
  });

/** POST /api/auth/project — rescope the session to another of the user's projects (a new session: the old cookie ends). */
export const switchProjectHandler = () =>
  sessionRoute({ mutation: true }, async ({ request, runtime, session, cookie }) => {
    const { project } = await readJsonBody(request, projectSwitchBodySchema, "project switch");
    const next = await runtime.identity.switchProject(session, project);
    const value = await runtime.sessions.replace(cookie, next);
    return Response.json(sessionView(next, runtime), {
      headers: { "Set-Cookie": setSessionCookie(request, runtime, value, next), ...NO_STORE },
    });
  });
