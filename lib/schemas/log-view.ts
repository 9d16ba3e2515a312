import { z } from "zod";
import { guestLogSchema } from "./log";

/**
 * The dashboard's view of a log: Trove's object plus what the dashboard needs. Asked for with
 * `GET …/log?details=1` (plain `GET …/log` keeps Trove's exact shape for scripts).
 */
export const logDetailsSchema = guestLogSchema.extend({
  /** Tenants can see this log (guest_log_exposed_logs); false means only admins see it. */
  exposed: z.boolean(),
  /** A publish of this log is running: bytes sent so far of the bytes it is sending. */
  publishing: z.object({ done: z.number(), total: z.number(), started_at: z.string() }).nullable(),
  /**
   * The last publish failed with this reason (a background one, or one the server could not finish;
   * cleared by the next success). `reference`: the server log's line with the details.
   */
  publish_error: z
    .object({ message: z.string(), at: z.string(), reference: z.string().optional() })
    .nullable(),
  /** The datastore did not switch this log, or cannot be asked how it is switched (servers only). */
  datastore_error: z.object({ message: z.string(), at: z.string() }).nullish(),
  /**
   * Where a publish by you puts the copy (and where your viewer reads it): the instance owner's
   * account, or `yours` — a real Trove publishes with your token into your own project's account, so
   * an admin's copy of another project's log is not where that project looks.
   */
  copy_account: z.enum(["owner", "yours"]).default("owner"),
});
export type LogDetails = z.infer<typeof logDetailsSchema>;

export const logDetailsListSchema = z.object({ logs: z.array(logDetailsSchema) });

/** `GET …/log/{name}/lines`: a window of the published log, by line number. */
export const logLinesQuerySchema = z
  .object({
    /** 1-based number of the first line wanted. */
    from_line: z.coerce.number().int().min(1).optional(),
    /** The last `tail` lines instead (opening the viewer at the end). */
    tail: z.coerce.number().int().min(1).max(5000).optional(),
    count: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .refine((query) => (query.from_line === undefined) !== (query.tail === undefined), {
    message: "give either from_line or tail",
  });
export type LogLinesQuery = z.infer<typeof logLinesQuerySchema>;

export const logLinesSchema = z.object({
  /** Line number of lines[0] (1-based); lines.length may be 0 past the end. */
  first_line: z.number(),
  /** Decoded as UTF-8 (invalid bytes shown as U+FFFD), without their line ends. */
  lines: z.array(z.string()),
  /** Lines in the whole published log (an unfinished last line counts). */
  total_lines: z.number(),
  /** Published bytes. */
  size: z.number(),
  /** False when the log's last line has no line end yet (a later publish may extend it). */
  last_line_complete: z.boolean(),
});
export type LogLines = z.infer<typeof logLinesSchema>;

/** `GET …/log/{name}/search` — answered as NDJSON events (see logSearchEventSchema). */
export const logSearchQuerySchema = z.object({
  q: z.string().min(1, "enter something to search for").max(1000),
  regex: z.enum(["0", "1"]).default("0"),
  case: z.enum(["0", "1"]).default("0"),
  /** Most matches returned (all are counted). */
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
});

export const logSearchEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("match"), line: z.number(), text: z.string() }),
  /** The server runs its most searches at once: this one waits behind `ahead` others (sent first). */
  z.object({ type: z.literal("waiting"), ahead: z.number() }),
  z.object({ type: z.literal("progress"), scanned: z.number(), size: z.number() }),
  z.object({ type: z.literal("done"), total: z.number(), truncated: z.boolean(), scanned: z.number() }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type LogSearchEvent = z.infer<typeof logSearchEventSchema>;

export const projectSwitchBodySchema = z.object({ project: z.string().min(1).max(255) });
