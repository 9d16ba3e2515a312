import { z } from "zod";

/**
 * Severities recognised across the formats we show (MySQL/MariaDB `[Note]/[Warning]/[ERROR]`,
 * PostgreSQL `LOG/WARNING/ERROR/FATAL/PANIC`, oslo `DEBUG/INFO/WARNING/ERROR/CRITICAL`), mapped onto
 * one closed scale so filters and counts mean the same for every log.
 */
export const severitySchema = z.enum(["debug", "info", "notice", "warning", "error", "critical"]);
export type Severity = z.infer<typeof severitySchema>;

/** `GET …/log/{name}/time?at=<ISO 8601>`: where the log reaches an instant. */
export const logTimeQuerySchema = z.object({
  at: z.iso.datetime({ offset: true, message: "give a date and time, e.g. 2026-12-01T10:00:00Z" }),
});

export const logTimeJumpSchema = z.object({
  /** First line (1-based) whose entry is at or after `at`; null when the log ends before it. */
  line: z.number().nullable(),
  /**
   * That entry's own time (ISO, UTC); when `line` is null, the log's last time; null when the log has
   * no readable times.
   */
  time: z.string().nullable(),
  total_lines: z.number(),
});
export type LogTimeJump = z.infer<typeof logTimeJumpSchema>;

/** Bars in the viewer's timeline: one small answer, fine enough to click at a phone's width too. */
export const TIMELINE_BUCKETS = 120;

/** `GET …/log/{name}/timeline?buckets=N`: the whole log's volume over time, from publish-time indexes. */
export const logTimelineQuerySchema = z.object({
  buckets: z.coerce.number().int().min(1).max(1000).default(TIMELINE_BUCKETS),
});

export const timelineBucketSchema = z.object({
  start: z.string(),
  end: z.string(),
  /** Line number (1-based) of the first line in this bucket, to go there. */
  first_line: z.number(),
  lines: z.number(),
  warnings: z.number(),
  /** error + critical */
  errors: z.number(),
});

export const logTimelineSchema = z.object({
  first_time: z.string().nullable(),
  last_time: z.string().nullable(),
  total_lines: z.number(),
  size: z.number(),
  buckets: z.array(timelineBucketSchema),
  /** Objects published without an index (a real Trove's, or older): their counts are estimated. */
  unindexed_objects: z.number(),
});
export type LogTimeline = z.infer<typeof logTimelineSchema>;
