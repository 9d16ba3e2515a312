import { z } from "zod";

export const instanceIdSchema = z
  .string()
  .min(1, "instance id must not be empty")
  .max(128, "instance id is too long")
  .regex(/^[A-Za-z0-9_.-]+$/, "instance id may hold only letters, digits, '_', '.' and '-'");

export const datastoreTypeSchema = z.enum(["mysql", "mariadb", "postgresql"]);
export type DatastoreType = z.infer<typeof datastoreTypeSchema>;

export const instanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  project_id: z.string(),
  datastore: z.object({ type: z.string(), version: z.string() }),
  /** Trove's instance status, e.g. ACTIVE, RESTART_REQUIRED, SHUTDOWN or ERROR. */
  status: z.string(),
  /** Trove's `fault`: why the instance is in SHUTDOWN or ERROR. */
  fault: z.object({ message: z.string(), created: z.string() }).optional(),
});
export type Instance = z.infer<typeof instanceSchema>;

export const instanceListQuerySchema = z.object({
  all_projects: z
    .enum(["1", "0", "true", "false"], { message: "all_projects must be 1 or 0" })
    .optional()
    .transform((value) => value === "1" || value === "true"),
});

export const instanceActionBodySchema = z.object({
  restart: z.object({}).loose(),
});
