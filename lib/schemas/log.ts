import { z } from "zod";
import { isDotSegment } from "./instance";

/** Trove's nine wire strings (`LogStatus.name.replace('_', ' ')`). */
export const LOG_STATUSES = [
  "Disabled",
  "Enabled",
  "Unavailable",
  "Ready",
  "Published",
  "Partial",
  "Rotated",
  "Restart Required",
  "Restart Completed",
] as const;
export const logStatusSchema = z.enum(LOG_STATUSES);
export type LogStatus = z.infer<typeof logStatusSchema>;

export const logTypeSchema = z.enum(["SYS", "USER"]);
export type LogType = z.infer<typeof logTypeSchema>;

/** The log object exactly as Trove's guest returns it; `container`/`prefix` are the string "None" when nothing is published. */
export const guestLogSchema = z.object({
  name: z.string(),
  type: logTypeSchema,
  status: z.string(),
  published: z.number().int(),
  pending: z.number().int(),
  container: z.string(),
  prefix: z.string(),
  metafile: z.string(),
});
export type GuestLog = z.infer<typeof guestLogSchema>;

export const logNameSchema = z
  .string()
  .min(1, "log name must not be empty")
  .max(64, "log name is too long")
  .regex(/^[A-Za-z0-9_.-]+$/, "log name may hold only letters, digits, '_', '.' and '-'")
  .refine((name) => !isDotSegment(name), "log name must not be '.' or '..'");

/**
 * Trove reads the action flags with Python truthiness; we accept the values its clients send
 * (1/0, true/false, "1"/"0", "true"/"false" in any case, null) and refuse anything ambiguous.
 */
const flagSchema = z
  .union([z.boolean(), z.number(), z.string(), z.null()])
  .transform((value, ctx) => {
    if (value === null || typeof value === "boolean") return value === true;
    if (typeof value === "number") {
      if (value === 0 || value === 1) return value === 1;
    } else {
      const text = value.trim().toLowerCase();
      if (["1", "true", "yes", "on"].includes(text)) return true;
      if (["0", "false", "no", "off", ""].includes(text)) return false;
    }
    ctx.addIssue({ code: "custom", message: "must be 1, 0, true or false" });
    return z.NEVER;
  })
  .optional();

export const logActionBodySchema = z.object({
  name: logNameSchema,
  enable: flagSchema,
  disable: flagSchema,
  publish: flagSchema,
  discard: flagSchema,
});
export type LogActionBody = z.input<typeof logActionBodySchema>;

export interface LogAction {
  name: string;
  enable?: boolean;
  disable?: boolean;
  publish?: boolean;
  discard?: boolean;
}

/** `?lines=N` of the tail endpoint: N>0 last N lines, 0 whole log, -n everything after the first n lines. */
export const tailQuerySchema = z.object({
  lines: z.coerce
    .number({ message: "lines must be an integer" })
    .int("lines must be an integer")
    .min(-1_000_000_000)
    .max(1_000_000_000)
    .default(50),
});
