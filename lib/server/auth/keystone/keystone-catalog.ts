import "server-only";
import { z } from "zod";

/** A token's service catalog as Keystone sends it (and as a server-side session keeps it). */
export const keystoneCatalogSchema = z.array(
  z.object({
    type: z.string(),
    name: z.string().optional(),
    endpoints: z.array(
      z.object({
        interface: z.string(),
        url: z.string(),
        region: z.string().nullish(),
        region_id: z.string().nullish(),
      }),
    ),
  }),
);

export type KeystoneCatalog = z.infer<typeof keystoneCatalogSchema>;
export type CatalogService = KeystoneCatalog[number];
export type CatalogEndpoint = CatalogService["endpoints"][number];

export interface CatalogQuery {
  /** Service type, e.g. `object-store` or `database`. */
  type: string;
  interface?: "public" | "internal" | "admin";
  region?: string;
  /** Substituted for `%(project_id)s` / `$(project_id)s` (and the older `tenant_id`). */
  projectId?: string;
}

const PLACEHOLDER = /[%$]\((project_id|tenant_id)\)s/g;

/** The endpoint URL of a service in a token's catalog, or undefined when the catalog has none. */
export function catalogUrl(catalog: KeystoneCatalog, query: CatalogQuery): string | undefined {
  const wanted = query.interface ?? "public";
  for (const service of catalog) {
    if (service.type !== query.type) continue;
    const endpoint = service.endpoints.find(
      (candidate) =>
        candidate.interface === wanted &&
        (!query.region || (candidate.region_id ?? candidate.region) === query.region),
    );
    if (!endpoint) continue;
    return endpoint.url.replace(PLACEHOLDER, (placeholder) =>
      query.projectId === undefined ? placeholder : encodeURIComponent(query.projectId),
    );
  }
  return undefined;
}
