import "server-only";
import { z } from "zod";
import { keystoneCatalogSchema } from "./keystone/keystone-catalog";

/** A session's principal as the stores keep it (JSON): read back through this, never trusted as is. */
export const principalSchema = z.object({
  userId: z.string(),
  userName: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  roles: z.array(z.string()),
  projects: z.array(z.object({ id: z.string(), name: z.string() })),
  token: z.string().optional(),
  catalog: keystoneCatalogSchema.optional(),
  expiresAt: z.number(),
});
