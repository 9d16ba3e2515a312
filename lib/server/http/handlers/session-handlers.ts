import "server-only";
import { projectSwitchBodySchema } from "@/lib/schemas/log-view";
import { HttpError } from "../errors";
import { readJsonBody } from "../request-guards";
import { sessionRoute } from "../route";
import { setSessionCookie } from "../session-cookies";
import { sessionView } from "../session-view";

/** POST /api/auth/project — rescope the session to another of the user's projects. */
export const switchProjectHandler = () =>
  sessionRoute({ mutation: true }, async ({ request, runtime, session, caller }) => {
    const { project } = await readJsonBody(request, projectSwitchBodySchema, "project switch");
    const user = runtime.identity.user(session.userId);
    if (!user?.projectIds.includes(project)) {
      throw new HttpError(403, "forbidden", `You are not a member of project ${project}.`);
    }
    const next = { ...session, projectId: project };
    const cookie = await setSessionCookie(request, runtime, next);
    const view = sessionView({ session: next, caller: { ...caller, projectId: project } }, runtime);
    return Response.json(view, { headers: { "Set-Cookie": cookie, "Cache-Control": "no-store" } });
  });
