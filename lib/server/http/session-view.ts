import "server-only";
import type { SessionView } from "@/lib/schemas/auth";
import type { Runtime } from "@/lib/server/runtime";
import type { SignedIn } from "./route";

function projectName(runtime: Runtime, id: string): string {
  return runtime.config.projects.find((project) => project.id === id)?.name ?? id;
}

/** What the browser may know about its session: names and roles, never a token. */
export function sessionView({ session }: SignedIn, runtime: Runtime): SessionView {
  const user = runtime.identity.user(session.userId);
  const projectIds = user?.projectIds ?? [session.projectId];
  return {
    user: { id: session.userId, name: session.username },
    project: { id: session.projectId, name: projectName(runtime, session.projectId) },
    projects: projectIds.map((id) => ({ id, name: projectName(runtime, id) })),
    roles: session.roles,
    is_admin: session.roles.includes("admin"),
  };
}
