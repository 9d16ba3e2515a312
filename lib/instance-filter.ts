import { datastoreLabel, instanceStatusLabel } from "./instance-display";
import type { Instance } from "./schemas/instance";

/**
 * Horizon's table filter, client side: an instance matches when every word of the query is in its
 * name, id, datastore ("MySQL 8.0.36") or status (RESTART_REQUIRED or "Restart Required"), any case.
 */
export function filterInstances<T extends Pick<Instance, "id" | "name" | "datastore" | "status">>(
  instances: readonly T[],
  query: string,
): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...instances];
  return instances.filter((instance) => {
    const haystack = [
      instance.name,
      instance.id,
      instance.datastore.type,
      datastoreLabel(instance.datastore),
      instance.status,
      instanceStatusLabel(instance.status),
    ]
      .join(" ")
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Horizon's table footer: "Displaying 1 item", "Displaying 3 items". */
export const displayingCount = (count: number) => `Displaying ${count} ${count === 1 ? "item" : "items"}`;
