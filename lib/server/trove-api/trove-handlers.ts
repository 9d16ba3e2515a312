import "server-only";
import type { Instance } from "@/lib/schemas/instance";
import { instanceActionBodySchema } from "@/lib/schemas/instance";
import { logActionBodySchema } from "@/lib/schemas/log";
import { faultResponse, tenantMismatch, TroveFault } from "./faults";
import { instancePage } from "./instance-page";
import type { InstanceFacts } from "@/lib/server/engine/guest-log-engine";
import {
  instanceDetailView,
  instanceView,
  mgmtInstanceDetailView,
  mgmtInstanceView,
  type ViewContext,
} from "./trove-views";
import { troveBody, troveJson, troveRoute, type TroveContext } from "./trove-route";

const instanceId = (context: TroveContext) => {
  if (!context.instanceId) throw new TroveFault(404, "The resource could not be found.");
  return context.instanceId;
};

/** One of Trove's instance views (list row, detail, management row or detail). */
type View = (instance: Instance, facts: InstanceFacts | undefined, context: ViewContext) => object;

/** Trove's management API is for admins (Trove answers others 401, which asks them to sign in again). */
const requireAdmin = (context: TroveContext) => {
  if (!context.caller.isAdmin) throw new TroveFault(403, "User does not have admin privileges.");
};

/** Instances in one of Trove's views, newest first (Trove's order), with the engine's facts. */
function rows(context: TroveContext, instances: Instance[], view: View) {
  const facts = (id: string) => context.runtime.engine.troveFacts(id);
  return instances
    .map((instance) => ({ instance, facts: facts(instance.id) }))
    .sort((a, b) => (b.facts?.created ?? "").localeCompare(a.facts?.created ?? ""))
    .map(({ instance, facts }) => view(instance, facts, context.view));
}

/** GET /v1.0/{project_id}/instances[?limit=N&marker=ID] — the token's project only, admins' too. */
const listWith = (view: View) =>
  troveRoute(async (context) => {
    const instances = await context.runtime.backend.listInstances(context.caller, { allProjects: false });
    const page = instancePage(context.request, context.view.baseUrl, instances);
    return troveJson({
      instances: rows(context, page.instances, view),
      ...(page.next && { links: [{ rel: "next", href: page.next }] }),
    });
  });

export const listInstances = listWith(instanceView);

/** GET /v1.0/{project_id}/instances/detail */
export const listInstanceDetails = listWith(instanceDetailView);

/** GET /v1.0/{project_id}/instances/{id} */
export const showInstance = troveRoute(async (context) => {
  const instance = await context.runtime.backend.getInstance(context.caller, instanceId(context));
  return troveJson({ instance: rows(context, [instance], instanceDetailView)[0] });
});

/** GET /v1.0/{project_id}/instances/{id}/log */
export const listLogs = troveRoute(async (context) =>
  troveJson({ logs: await context.runtime.backend.listLogs(context.caller, instanceId(context)) }),
);

/** POST /v1.0/{project_id}/instances/{id}/log — Trove's body, Trove's answer. */
export const logAction = troveRoute(async (context) => {
  const id = instanceId(context);
  // Trove's order: the body is read (415/400), the instance loaded (404), then `name` looked at.
  const body = await troveBody(context.request);
  await context.runtime.backend.getInstance(context.caller, id);
  const action = logActionBodySchema.parse(body);
  return troveJson({ log: await context.runtime.backend.logAction(context.caller, id, action) });
});

/**
 * GET /v1.0/{project_id}/mgmt/instances[?project_id=P] — Trove's management listing: every project.
 * Not an admin: 403 (Trove answers this with 401, which tells a client to sign in again).
 */
export const listAllInstances = troveRoute(async (context) => {
  requireAdmin(context);
  const instances = await context.runtime.backend.listInstances(context.caller, { allProjects: true });
  const project = new URL(context.request.url).searchParams.get("project_id");
  const chosen = project ? instances.filter((instance) => instance.project_id === project) : instances;
  return troveJson({ instances: rows(context, chosen, mgmtInstanceView) });
});

/** GET /v1.0/{project_id}/mgmt/instances/{id} — one instance of any project, Trove's management detail. */
export const showAnyInstance = troveRoute(async (context) => {
  requireAdmin(context);
  // An admin's getInstance finds any project's instance (unknown: Trove's 404).
  const instance = await context.runtime.backend.getInstance(context.caller, instanceId(context));
  return troveJson({ instance: rows(context, [instance], mgmtInstanceDetailView)[0] });
});

/** POST /v1.0/{project_id}/instances/{id}/action — `{"restart": {}}` applies pending log toggles (202, no body). */
export const instanceAction = troveRoute(async (context) => {
  const id = instanceId(context);
  instanceActionBodySchema.parse(await troveBody(context.request));
  await context.runtime.backend.restartInstance(context.caller, id);
  return new Response(null, { status: 202 });
});

/** Any other path under /v1.0/{project_id}/: Trove's 404, after the token and project checks. */
export const unknownTrovePath = troveRoute(async () =>
  faultResponse(new TroveFault(404, "The resource could not be found.")),
);

/**
 * `/v1.0` and `/v1.0/{project_id}` with nothing after them: Trove's tenant check cannot read a
 * project from such a path and refuses every token (403), after keystonemiddleware (401).
 */
export const projectlessTrovePath = troveRoute(async ({ caller }) => {
  throw tenantMismatch(caller.projectId);
});
