// POST /api/auth/login — {username, password, project?} → session cookie + the session view
import { loginBodySchema } from "@/lib/schemas/auth";
import { HttpError } from "@/lib/server/http/errors";
import { readJsonBody } from "@/lib/server/http/request-guards";
import { publicRoute } from "@/lib/server/http/route";
import { setSessionCookie } from "@/lib/server/http/session-cookies";
import { sessionView } from "@/lib/server/http/session-view";

export const POST = publicRoute({ mutation: true }, async ({ request, runtime }) => {
  const body = await readJsonBody(request, loginBodySchema, "login");
  const user = await runtime.identity.authenticate(body.username, body.password);
  if (!user) throw new HttpError(401, "unauthorized", "Invalid username or password.");
  const projectId = body.project ?? user.projectIds[0]!;
  if (!user.projectIds.includes(projectId)) {
    throw new HttpError(403, "forbidden", `User ${user.name} is not a member of project ${projectId}.`);
  }
  const session = {
    v: 1 as const,
    userId: user.id,
    username: user.name,
    projectId,
    roles: user.roles,
    expiresAt: Date.now() + runtime.env.TROVE_LOGS_SESSION_TTL * 1000,
  };
  const cookie = await setSessionCookie(request, runtime, session);
  const view = sessionView(
    { session, caller: { userId: user.id, projectId, isAdmin: user.roles.includes("admin") } },
    runtime,
  );
  return Response.json(view, { headers: { "Set-Cookie": cookie, "Cache-Control": "no-store" } });
});
