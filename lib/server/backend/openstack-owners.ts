import "server-only";
import type { TroveInstance } from "@/lib/server/trove/trove-client";
import type { Caller } from "./log-backend";

const owners = new Map<string, string>(); // instance id → project id; an instance keeps its owner
const MAX_OWNERS = 10_000;

/** Keeps the owners a listing named (Trove's management listing carries `tenant_id`). */
export function rememberOwners(instances: TroveInstance[]): void {
  for (const instance of instances) {
    if (!instance.tenant_id) continue;
    if (owners.size >= MAX_OWNERS) owners.delete(owners.keys().next().value!);
    owners.set(instance.id, instance.tenant_id);
  }
}

/**
 * The project that owns an instance. Trove shows members only their own project's instances, so a
 * member's instance is theirs. Trove's instance view has no `tenant_id` (03-instance-show), so an
 * admin's comes from the management listing (`/mgmt/instances`), asked once per unknown instance.
 */
export async function ownerOf(
  caller: Caller,
  instance: TroveInstance,
  listAll: () => Promise<TroveInstance[]>,
): Promise<string> {
  if (instance.tenant_id) return instance.tenant_id;
  if (!caller.isAdmin) return caller.projectId;
  const known = owners.get(instance.id);
  if (known) return known;
  rememberOwners(await listAll());
  return owners.get(instance.id) ?? caller.projectId;
}
