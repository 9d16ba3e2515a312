import "server-only";
import { z } from "zod";
import { datastoreTypeSchema, instanceIdSchema } from "@/lib/schemas/instance";
import { LOG_DEFINITIONS } from "@/lib/server/engine/log-definitions";
import { absolutePath, serverSchema } from "./server-config";

const exposedLogsSchema = z.union([z.array(z.string()), z.string()]);

const instanceSchema = z
  .object({
    id: instanceIdSchema,
    name: z.string().min(1, "must not be empty"),
    project_id: z
      .string()
      .min(1, "must not be empty")
      .regex(/^[^/]+$/, "must not contain '/'"),
    datastore: z.object({ type: datastoreTypeSchema, version: z.string().min(1, "must not be empty") }),
    logs: z.record(z.string(), z.object({ file: z.string().min(1, "must not be empty") })).default({}),
    /** A real server whose logs Trove Logs switches (without it the logs are plain files). */
    server: serverSchema.optional(),
    /** Where the datastore writes its USER logs (`<log_dir>/<datastore>-<log>.log`, Trove's names). */
    log_dir: absolutePath.optional(),
    /** Trove's instance columns, shown by the Trove API (`instance list/show`); see README. */
    flavor_id: z
      .string()
      .min(1, "must not be empty")
      .max(255)
      .regex(/^[^/]+$/, "must not contain '/'")
      .optional(),
    /** GB, as Trove's `volume.size`; without it the Trove API shows no `volume` (Trove's volume_support off). */
    volume_size: z.number().int("must be whole GB").min(1, "must be at least 1 GB").optional(),
  })
  .superRefine((instance, ctx) => {
    const definitions = LOG_DEFINITIONS[instance.datastore.type];
    const defined = definitions.map((definition) => definition.name);
    for (const name of Object.keys(instance.logs)) {
      if (!defined.includes(name)) {
        ctx.addIssue({
          code: "custom",
          path: ["logs", name],
          message: `log '${name}' is not defined for datastore ${instance.datastore.type} (defined: ${defined.join(", ")})`,
        });
      }
    }
    const unplaced = definitions.filter((log) => log.type === "USER" && !instance.logs[log.name]);
    if (instance.server && !instance.log_dir && unplaced.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["log_dir"],
        message:
          "is required with server: the directory where the datastore writes its logs " +
          `(or give logs.${unplaced.map((log) => log.name).join(", logs.")} a file)`,
      });
    }
  });

/** The TROVE_LOGS_CONFIG file: Trove's option names at the top level, then the instances. */
export const configFileSchema = z
  .object({
    guest_log_container_name: z
      .string()
      .min(1, "must not be empty")
      .regex(/^[^/]+$/, "must not contain '/'")
      .default("database_logs"),
    guest_log_limit: z.number().int().min(1, "must be at least 1 byte").max(5_000_000_000).default(1_000_000),
    guest_log_expiry: z.number().int().min(0, "must be 0 (never) or more seconds").default(2_592_000),
    /** Trove's `[service_credentials] region_name`: the `region` its instances show. */
    region_name: z.string().min(1, "must not be empty").max(255).default("RegionOne"),
    datastores: z
      .partialRecord(
        datastoreTypeSchema,
        z.object({
          guest_log_exposed_logs: exposedLogsSchema.optional(),
          /** ms; MySQL's long_query_time is this / 1000 s, PostgreSQL's log_min_duration_statement this (-1: off). */
          guest_log_long_query_time: z.number().int("must be whole milliseconds").min(-1).optional(),
        }),
      )
      .default({}),
    instances: z.array(instanceSchema),
  })
  .superRefine((config, ctx) => {
    for (const type of ["mysql", "mariadb"] as const) {
      if ((config.datastores[type]?.guest_log_long_query_time ?? 0) < 0) {
        ctx.addIssue({
          code: "custom",
          path: ["datastores", type, "guest_log_long_query_time"],
          message: "must be 0 or more milliseconds",
        });
      }
    }
    const seen = new Set<string>();
    config.instances.forEach((instance, index) => {
      if (seen.has(instance.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["instances", index, "id"],
          message: `duplicate instance id ${instance.id}`,
        });
      }
      seen.add(instance.id);
    });
  });

export type ConfigFile = z.infer<typeof configFileSchema>;

/** `instances[2].datastore.type: …` — the field a person has to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((part, index) =>
          typeof part === "number" ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`,
        )
        .join("");
      return `${path || "(top level)"}: ${issue.message}`;
    })
    .join("\n  ");
}
