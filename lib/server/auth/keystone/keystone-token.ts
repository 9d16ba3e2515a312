import "server-only";
import { z } from "zod";
import { keystoneCatalogSchema, type KeystoneCatalog } from "./keystone-catalog";

const ref = z.object({ id: z.string(), name: z.string() });

const tokenBodySchema = z.object({
  token: z.object({
    expires_at: z.string(),
    user: ref.extend({ domain: ref.partial().optional() }),
    project: ref.extend({ domain: ref.partial().optional() }).optional(),
    roles: z.array(ref).optional(),
    catalog: keystoneCatalogSchema.optional(),
  }),
});

/** What a Keystone v3 token says (its value travels in the X-Subject-Token header). */
export interface KeystoneToken {
  value: string;
  user: { id: string; name: string; domainId?: string };
  /** Absent for an unscoped token. */
  project?: { id: string; name: string; domainId?: string };
  roles: string[];
  /** Epoch milliseconds. */
  expiresAt: number;
  catalog: KeystoneCatalog;
}

/** Reads a token body; undefined when it is not one (so callers can say Keystone answered nonsense). */
export function parseToken(value: string, body: unknown): KeystoneToken | undefined {
  const parsed = tokenBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { token } = parsed.data;
  const expiresAt = Date.parse(token.expires_at);
  if (Number.isNaN(expiresAt)) return undefined;
  return {
    value,
    user: { id: token.user.id, name: token.user.name, domainId: token.user.domain?.id },
    project: token.project && {
      id: token.project.id,
      name: token.project.name,
      domainId: token.project.domain?.id,
    },
    roles: [...new Set((token.roles ?? []).map((role) => role.name))].sort(),
    expiresAt,
    catalog: token.catalog ?? [],
  };
}
