import "server-only";
import { instanceActionBodySchema } from "@/lib/schemas/instance";
import { logActionBodySchema } from "@/lib/schemas/log";
import { faultResponse, TroveFault } from "./faults";
import { troveInstanceView } from "./trove-views";
import { troveBody, troveJson, troveRoute, type TroveContext } from "./trove-route";

const instanceId = (context: TroveContext) => {
  if (!context.instanceId) throw new TroveFault(404, "The resource could not be found.");
  return context.instanceId;
};

/** GET /v1.0/{project_id}/instances */
export const listInstances = troveRoute(async ({ runtime, caller, baseUrl }) => {
  const instances = await runtime.backend.listInstances(caller, { allProjects: false });
  return troveJson({ instances: instances.map((instance) => troveInstanceView(instance, baseUrl)) });
});

/** GET /v1.0/{project_id}/instances/{id} */
export const showInstance = troveRoute(async (context) => {
  const instance = await context.runtime.backend.getInstance(context.caller, instanceId(context));
  return troveJson({ instance: troveInstanceView(instance, context.baseUrl) });
});

/** GET /v1.0/{project_id}/instances/{id}/log */
export const listLogs = troveRoute(async (context) =>
  troveJson({ logs: await context.runtime.backend.listLogs(context.caller, instanceId(context)) }),
);

/** POST /v1.0/{project_id}/instances/{id}/log — Trove's body, Trove's answer. */
export const logAction = troveRoute(async (context) => {
  const body = await troveBody(context.request);
  const action = logActionBodySchema.parse(body);
  return troveJson({
    log: await context.runtime.backend.logAction(context.caller, instanceId(context), action),
  });
});

/** GET /v1.0/{project_id}/mgmt/instances — Trove's management listing: every project, admins only. */
export const listAllInstances = troveRoute(async ({ runtime, caller, baseUrl }) => {
  if (!caller.isAdmin) throw new TroveFault(403, "User does not have admin privileges.");
  const instances = await runtime.backend.listInstances(caller, { allProjects: true });
  return troveJson({ instances: instances.map((instance) => troveInstanceView(instance, baseUrl)) });
});

/** POST /v1.0/{project_id}/instances/{id}/action — `{"restart": {}}` applies pending log toggles (202, no body). */
export const instanceAction = troveRoute(async (context) => {
  const body = await troveBody(context.request);
  instanceActionBodySchema.parse(body);
  await context.runtime.backend.restartInstance(context.caller, instanceId(context));
  return new Response(null, { status: 202 });
});

/** Any other path under /v1.0: Trove's own 404 (a route of its own, so Next never renders a page for it). */
export const unknownTrovePath = async () => faultResponse(404, "The resource could not be found.");
