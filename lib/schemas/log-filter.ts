import { z } from "zod";
import { severitySchema } from "./log-time";

/** Context lines (±N) a filter may ask for around each matching entry. */
export const FILTER_MAX_CONTEXT = 20;
/** Lines a filter returns at most (every line it would show is counted). */
export const FILTER_LINE_LIMIT = 100_000;

/** `level=warning,error`: a comma-separated list of severities (empty parts ignored). */
const levelsSchema = z
  .string()
  .max(200)
  .transform((text) => [
    ...new Set(
      text
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z.array(
      z.enum(severitySchema.options, {
        message: `level: give severities such as warning,error (one of ${severitySchema.options.join(", ")})`,
      }),
    ),
  );

/**
 * `GET …/log/{name}/filter` — the lines of the whole published log that match `q` (literal, or RE2
 * with regex=1) and/or whose entry has one of the `level` severities, whole entries, ±`context`
 * lines; answered as NDJSON events (see logFilterEventSchema).
 */
export const logFilterQuerySchema = z
  .object({
    q: z.string().max(1000).default(""),
    regex: z.enum(["0", "1"]).default("0"),
    case: z.enum(["0", "1"]).default("0"),
    context: z.coerce.number().int().min(0).max(FILTER_MAX_CONTEXT).default(0),
    level: levelsSchema.default([]),
    limit: z.coerce.number().int().min(1).max(FILTER_LINE_LIMIT).default(FILTER_LINE_LIMIT),
  })
  .refine((query) => query.q !== "" || query.level.length > 0, {
    message: "give something to filter by: q (text) or level (severities), or both",
  });
export type LogFilterQuery = z.infer<typeof logFilterQuerySchema>;

export const filterLineSchema = z.object({
  /** The line's real number in the whole log (1-based). */
  line: z.number(),
  /** Decoded as UTF-8 (invalid bytes as U+FFFD), without its line end; very long lines are cut. */
  text: z.string(),
  /** Part of a matching entry (false: a context line). */
  match: z.boolean(),
  /** The severity this line states, when its format has one and it states it. */
  severity: severitySchema.optional(),
});
export type FilterLine = z.infer<typeof filterLineSchema>;

export const logFilterEventSchema = z.discriminatedUnion("type", [
  /** Lines in log order; a line number that does not follow the previous one starts a new group. */
  z.object({ type: z.literal("lines"), lines: z.array(filterLineSchema) }),
  /** The server runs its most scans at once: this one waits behind `ahead` others (sent first). */
  z.object({ type: z.literal("waiting"), ahead: z.number() }),
  /** While scanning: bytes read of `size`, entries matched and lines found to show so far. */
  z.object({
    type: z.literal("progress"),
    scanned: z.number(),
    size: z.number(),
    entries: z.number(),
    lines: z.number(),
  }),
  z.object({
    type: z.literal("done"),
    /** Matching entries (a multi-line entry counts once). */
    entries: z.number(),
    /** Lines the filter shows (matching entries and context), counted beyond the limit. */
    lines: z.number(),
    /** More lines than the limit: only the first `limit` were sent. */
    truncated: z.boolean(),
    scanned: z.number(),
    /** Lines in the whole log. */
    total_lines: z.number(),
  }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type LogFilterEvent = z.infer<typeof logFilterEventSchema>;
