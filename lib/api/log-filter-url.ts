import { z } from "zod";
import { FILTER_MAX_CONTEXT } from "@/lib/schemas/log-filter";
import { severitySchema } from "@/lib/schemas/log-time";
import type { LogFilterUrlState } from "@/lib/paths";

const contextSchema = z.coerce.number().int().min(0).max(FILTER_MAX_CONTEXT);

/**
 * Filter mode from the viewer's URL: `?filter=<text>` (may be empty when `level` is given),
 * `filter_regex=1` (the text is a regular expression), `filter_case=1`, `level=error,warning`,
 * `context=N`. Unknown severities are dropped; undefined when there is nothing to filter by.
 */
export function parseFilterUrl(
  text: string | undefined,
  level: string | undefined,
  context: string | undefined,
  flags: { regex?: string; caseSensitive?: string } = {},
): LogFilterUrlState | undefined {
  if (text === undefined || text.length > 1000) return undefined;
  const levels = (level ?? "").split(",").filter((part) => severitySchema.safeParse(part).success);
  if (!text && !levels.length) return undefined;
  const parsedContext = contextSchema.safeParse(context ?? 0);
  return {
    text,
    ...(text && flags.regex === "1" ? { regex: true } : {}),
    ...(text && flags.caseSensitive === "1" ? { caseSensitive: true } : {}),
    levels,
    context: parsedContext.success ? parsedContext.data : 0,
  };
}
