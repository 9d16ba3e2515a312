import "server-only";
import type { Instance } from "@/lib/schemas/instance";
import type { InstanceFacts } from "@/lib/server/engine/guest-log-engine";

/** The flavor an instance shows when its configuration names none (it runs on no Nova flavor). */
export const NO_FLAVOR = "none";

/** Who asks and where: Trove builds links with the token's project and shows more to admins. */
export interface ViewContext {
  /** This API's origin (scheme, host, port) as the request reached it. */
  baseUrl: string;
  projectId: string;
  isAdmin: boolean;
  region: string;
}

/** Trove's `YYYY-MM-DDTHH:MM:SS` (UTC, no zone, no fraction) from an ISO 8601 time. */
export const troveTime = (iso: string) => iso.slice(0, 19);

/** trove/common/views.py create_links: self (with version and project) and bookmark. */
function links(context: ViewContext, resource: string, id: string) {
  return [
    { href: `${context.baseUrl}/v1.0/${context.projectId}/${resource}/${id}`, rel: "self" },
    { href: `${context.baseUrl}/${resource}/${id}`, rel: "bookmark" },
  ];
}

/** Trove's operating_status: the database service's own status (HEALTHY when it answers). */
const operatingStatus = (status: string) => (status === "ACTIVE" ? "HEALTHY" : status);

/** trove/instance/views.py InstanceView: one row of `GET /instances`. */
export function instanceView(instance: Instance, facts: InstanceFacts | undefined, context: ViewContext) {
  const flavorId = facts?.flavorId ?? NO_FLAVOR;
  return {
    id: instance.id,
    name: instance.name,
    status: instance.status,
    operating_status: operatingStatus(instance.status),
    links: links(context, "instances", instance.id),
    flavor: { id: flavorId, links: links(context, "flavors", flavorId) },
    datastore: { type: instance.datastore.type, version: instance.datastore.version },
    region: context.region,
    // Trove's access without addresses (we show none: the instance has no address we may publish).
    access: {},
    ...(context.isAdmin && { tenant_id: instance.project_id }),
    ...(facts?.volumeSize !== undefined && { volume: { size: facts.volumeSize } }),
  };
}

/** trove/instance/views.py InstanceDetailView: `GET /instances/{id}` and `GET /instances/detail`. */
export function instanceDetailView(
  instance: Instance,
  facts: InstanceFacts | undefined,
  context: ViewContext,
) {
  const row = instanceView(instance, facts, context);
  const now = new Date().toISOString();
  return {
    ...row,
    datastore: { ...row.datastore, version_number: instance.datastore.version },
    created: troveTime(facts?.created ?? now),
    updated: troveTime(facts?.updated ?? now),
    service_status_updated: troveTime(facts?.checked ?? facts?.updated ?? now),
    ...(instance.fault && {
      fault: { message: instance.fault.message, created: troveTime(instance.fault.created), details: "" },
    }),
    // No Nova server, no Cinder volume, no RPC to a guest: what Trove shows for an instance without them.
    ...(context.isAdmin && { server_id: null, volume_id: null, encrypted_rpc_messaging: false }),
  };
}

/** trove/extensions/mgmt/instances/views.py MgmtInstanceView: a row of `GET /mgmt/instances`. */
export function mgmtInstanceView(instance: Instance, facts: InstanceFacts | undefined, context: ViewContext) {
  return {
    ...instanceDetailView(instance, facts, { ...context, isAdmin: true }),
    server: null,
    service_status: operatingStatus(instance.status),
    tenant_id: instance.project_id,
    deleted: false,
    deleted_at: null,
    task_description:
      instance.status === "RESTART_REQUIRED" ? "Instance requires a restart." : "No tasks for the instance.",
  };
}

/**
 * trove/extensions/mgmt/instances/views.py MgmtInstanceDetailView: `GET /mgmt/instances/{id}` adds
 * the Cinder volume (null: an embedded instance has none, whatever size its configuration names) and
 * the guest's status in words.
 */
export function mgmtInstanceDetailView(
  instance: Instance,
  facts: InstanceFacts | undefined,
  context: ViewContext,
) {
  return {
    ...mgmtInstanceView(instance, facts, context),
    volume: null,
    guest_status: { state_description: operatingStatus(instance.status).toLowerCase().replace(/_/g, " ") },
  };
}
