import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { paths } from "@/lib/paths";
import {
  logTimeJumpSchema,
  logTimelineSchema,
  TIMELINE_BUCKETS,
  type LogTimeJump,
} from "@/lib/schemas/log-time";
import { apiFetch } from "./fetcher";
import type { LogRef } from "./log-viewer";

/** `GET …/time?at=`: the first line at or after `at` (found by the server without reading the log). */
export async function fetchLogTime(log: LogRef, at: string, signal?: AbortSignal): Promise<LogTimeJump> {
  const url = `${paths.api.log(log.scope, log.id, log.name, "time")}?${new URLSearchParams({ at })}`;
  return logTimeJumpSchema.parse(await apiFetch(url, { signal }));
}

const timelineUrl = (log: LogRef) =>
  `${paths.api.log(log.scope, log.id, log.name, "timeline")}?buckets=${TIMELINE_BUCKETS}`;

/**
 * `GET …/timeline`: the whole log's volume over time. Keyed by the published size, so it is asked
 * for again only when the log grows or is replaced, never while the reader scrolls.
 */
export const logTimelineQueryOptions = (log: LogRef, publishedSize: number) =>
  queryOptions({
    queryKey: [log.scope, "log-timeline", log.id, log.name, publishedSize, TIMELINE_BUCKETS] as const,
    queryFn: async ({ signal }) => {
      return logTimelineSchema.parse(await apiFetch(timelineUrl(log), { signal }));
    },
    staleTime: Infinity,
    // The old bars stay while the grown log's are on their way.
    placeholderData: keepPreviousData,
    retry: 1,
  });
