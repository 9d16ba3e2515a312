import "server-only";
import { resolve } from "node:path";
import { z } from "zod";

const flag = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], { message: "must be 1 or 0" })
    .optional()
    .transform((value) => (value === undefined ? fallback : ["1", "true", "yes", "on"].includes(value)));

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  TROVE_LOGS_DATA_DIR: z
    .preprocess(emptyAsUndefined, z.string().default("./.data"))
    .transform((dir) => resolve(dir)),
  /** JSON file with Trove's option names and the instances; unset means the built-in demo. */
  TROVE_LOGS_CONFIG: z.preprocess(emptyAsUndefined, z.string().optional()),
  TROVE_LOGS_DEMO_WRITERS: flag(true),
  TROVE_LOGS_ADMIN_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  TROVE_LOGS_DEMO_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** Seals session cookies; generated into the data directory when unset. */
  TROVE_LOGS_SESSION_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, "must be at least 32 characters").optional(),
  ),
  /** Session lifetime in seconds. */
  TROVE_LOGS_SESSION_TTL: z.coerce.number().int().min(60).max(604_800).default(43_200),
  /** `auto` marks cookies Secure when the request came over https. */
  TROVE_LOGS_COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  NODE_ENV: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The environment, validated once; a bad value stops start-up with the variable's name. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  cached = parsed.data;
  return cached;
}
