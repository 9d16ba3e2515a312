import "server-only";
import type { Instance } from "@/lib/schemas/instance";

/** An instance as Trove's API shows it (the fields troveclient reads for `log` commands). */
export function troveInstanceView(instance: Instance, baseUrl: string) {
  const self = `${baseUrl}/v1.0/${instance.project_id}/instances/${instance.id}`;
  return {
    id: instance.id,
    name: instance.name,
    status: instance.status,
    tenant_id: instance.project_id,
    datastore: { type: instance.datastore.type, version: instance.datastore.version },
    links: [
      { href: self, rel: "self" },
      { href: self.replace("/v1.0/", "/"), rel: "bookmark" },
    ],
  };
}
