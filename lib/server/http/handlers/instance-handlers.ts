import "server-only";
import { instanceActionBodySchema, instanceListQuerySchema } from "@/lib/schemas/instance";
import { instanceParamsSchema } from "@/lib/schemas/route-params";
import type { Scope } from "@/lib/paths";
import { parseWith, readJsonBody } from "../request-guards";
import { json } from "../respond";
import { sessionRoute } from "../route";

// Each factory builds the handler for the Project API (/api/…) or the Admin API (/api/admin/…,
// administrators only, every project).

export const listInstancesHandler = (scope: Scope) =>
  sessionRoute({ adminOnly: scope === "admin" }, async ({ request, runtime, caller }) => {
    const query = parseWith(
      instanceListQuerySchema,
      Object.fromEntries(new URL(request.url).searchParams),
      "query",
    );
    const allProjects = scope === "admin" || query.all_projects;
    return json({ instances: await runtime.backend.listInstances(caller, { allProjects }) });
  });

export const getInstanceHandler = (scope: Scope) =>
  sessionRoute(
    { params: instanceParamsSchema, adminOnly: scope === "admin" },
    async ({ params, runtime, caller }) =>
      json({ instance: await runtime.backend.getInstance(caller, params.id) }),
  );

export const instanceActionHandler = (scope: Scope) =>
  sessionRoute(
    { params: instanceParamsSchema, mutation: true, adminOnly: scope === "admin" },
    async ({ request, params, runtime, caller }) => {
      await readJsonBody(request, instanceActionBodySchema, "instance action");
      return json({ instance: await runtime.backend.restartInstance(caller, params.id) }, 202);
    },
  );
