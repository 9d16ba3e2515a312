import "server-only";
import type { SessionView } from "@/lib/schemas/auth";
import { isAdminPrincipal, type Principal } from "@/lib/server/auth/identity-provider";
import type { Runtime } from "@/lib/server/runtime";

/** What the browser may know about its session: names and roles, never a token. */
export function sessionView(principal: Principal, runtime: Runtime): SessionView {
  const projects = principal.projects.length
    ? principal.projects
    : [{ id: principal.projectId, name: principal.projectName }];
  return {
    user: { id: principal.userId, name: principal.userName },
    project: { id: principal.projectId, name: principal.projectName },
    projects: projects.map(({ id, name }) => ({ id, name })),
    roles: principal.roles,
    is_admin: isAdminPrincipal(principal),
    identity: runtime.identity.kind,
  };
}
