import { z } from "zod";
import { guestLogSchema } from "./log";

/**
 * `POST …/log/{name}/follow`: one poll of a follower. `follower` names this viewer (several tabs
 * follow the same log; the last one to leave flushes), `from` is the file offset the viewer's live
 * lines reach, `enable` is the person's yes to "Following turns this Disabled log on", `leave` ends it.
 */
export const followBodySchema = z.strictObject({
  follower: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/, "follower must be 8–64 letters, digits or '-' (a random id per viewer)"),
  from: z.number().int().nonnegative().optional(),
  enable: z.boolean().optional(),
  leave: z.boolean().optional(),
});
export type FollowBody = z.infer<typeof followBodySchema>;

/**
 * What a follower sees. `live`: the lines the file holds past what is published (embedded service
 * only; a remote Trove's file cannot be read). `state`: `disabled` when the log is off (nothing was
 * published, nothing enabled); `left` after `leave`.
 */
export const followStateSchema = z.object({
  mode: z.enum(["live", "published"]),
  state: z.enum(["following", "disabled", "left"]),
  log: guestLogSchema,
  live: z
    .object({
      /** File offsets of `text`: complete lines only, at most a bounded amount (newest kept). */
      from: z.number().int(),
      to: z.number().int(),
      text: z.string(),
      /** Lines between the published end and `from` were left out (more than one read holds). */
      skipped: z.boolean(),
    })
    .optional(),
  /** Why the server published during this poll (for the viewer's status line), if it did. */
  published_now: z.enum(["size", "age", "rotation", "leave", "remote"]).optional(),
  /** When the server will publish next at the latest (ISO), when it knows. */
  next_publish: z.string().optional(),
  /** When to poll again. */
  poll_ms: z.number().int().positive(),
});
export type FollowState = z.infer<typeof followStateSchema>;
export type FollowPublishReason = NonNullable<FollowState["published_now"]>;
