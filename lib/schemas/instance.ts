import { z } from "zod";

/**
 * `.` and `..` pass the character rule but mean "this directory" and "the parent" in a URL path or a
 * file name built from the id: a proxy or a client may resolve them before the request gets here, and
 * no Trove id or log name is either.
 */
export const isDotSegment = (value: string) => value === "." || value === "..";

export const instanceIdSchema = z
  .string()
  .min(1, "instance id must not be empty")
  .max(128, "instance id is too long")
  .regex(/^[A-Za-z0-9_.-]+$/, "instance id may hold only letters, digits, '_', '.' and '-'")
  .refine((id) => !isDotSegment(id), "instance id must not be '.' or '..'");

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
  /** Trove's created/updated times (ISO 8601, UTC); on one instance's answer, when the backend knows. */
  created: z.string().optional(),
  updated: z.string().optional(),
  /** Trove's flavor id and volume (size and use in GB), as Trove's instance show has them. */
  flavor: z.object({ id: z.string() }).optional(),
  volume: z.object({ size: z.number(), used: z.number().optional() }).optional(),
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
