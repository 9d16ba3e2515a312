import { z } from "zod";
import { paths, type Scope } from "@/lib/paths";
import { guestLogSchema } from "@/lib/schemas/log";
import { logLinesSchema, type LogLines } from "@/lib/schemas/log-view";
import { ApiError, apiFetch, throwIfFailed } from "./fetcher";

/** Which log a viewer shows, and through which dashboard (project or admin API). */
export interface LogRef {
  scope: Scope;
  id: string;
  name: string;
}

export type LinesQuery = { tail: number } | { fromLine: number; count: number };

/** `GET …/lines`: the last `tail` lines, or `count` lines from `fromLine` (1-based). */
export async function fetchLogLines(log: LogRef, query: LinesQuery, signal?: AbortSignal): Promise<LogLines> {
  const params = new URLSearchParams(
    "tail" in query
      ? { tail: String(query.tail) }
      : { from_line: String(query.fromLine), count: String(query.count) },
  );
  const url = `${paths.api.log(log.scope, log.id, log.name, "lines")}?${params}`;
  return logLinesSchema.parse(await apiFetch(url, { signal }));
}

const publishResponseSchema = z.object({ log: guestLogSchema.loose() });

/**
 * Publishes the log's new bytes and answers once they are stored (Trove's plain publish, no
 * background job): Follow and "Publish & refresh" show the lines right after.
 */
export async function publishLogNow(log: LogRef, signal?: AbortSignal) {
  const response = await apiFetch(paths.api.logs(log.scope, log.id), {
    method: "POST",
    body: { name: log.name, publish: 1 },
    signal,
  });
  return publishResponseSchema.parse(response).log;
}

/**
 * A whole new copy, in the account this viewer reads: Trove's publish + discard (drop what is
 * published, then publish everything the log holds). For a copy that is counted as published but is
 * in another account (a real Trove writes into the publisher's account).
 */
export async function publishFullCopy(log: LogRef, signal?: AbortSignal) {
  const response = await apiFetch(paths.api.logs(log.scope, log.id), {
    method: "POST",
    body: { name: log.name, publish: 1, discard: 1 },
    signal,
  });
  return publishResponseSchema.parse(response).log;
}

/** `GET …/tail?lines=N` as plain text (the "last N lines" view). */
export async function fetchTailText(log: LogRef, lines: number, signal?: AbortSignal): Promise<string> {
  const url = `${paths.api.log(log.scope, log.id, log.name, "tail")}?lines=${lines}`;
  const response = await fetch(url, { credentials: "same-origin", signal });
  return (await throwIfFailed(response)).text();
}

/** The log has nothing published (or was discarded): the lines routes answer 404. */
export const isNothingPublished = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 404;

/** A 403: the caller may not read this log (a SYS log hidden from members): nothing to retry or publish. */
export const isForbidden = (error: unknown): boolean => error instanceof ApiError && error.status === 403;
