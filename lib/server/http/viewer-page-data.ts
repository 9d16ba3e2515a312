import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { Scope } from "@/lib/paths";
import type { LogLines } from "@/lib/schemas/log-view";
import { TIMELINE_BUCKETS, type LogTimeline } from "@/lib/schemas/log-time";
import { buildTimeline } from "@/lib/server/log-index/timeline";
import { readLines } from "@/lib/server/log-reader/read-lines";
import { getRuntime } from "@/lib/server/runtime";
import { sessionOfCookie } from "./route";
import { formatOf } from "./timed-log";

/** Lines of up to 64 KB each could make a page of megabytes: past this, the browser asks for them. */
const MAX_PAGE_TEXT = 512 * 1024;

/**
 * How long the page waits, once it has its lines, for the timeline to go out with them. One built
 * before (an unchanged log) is there at once, a GB log's first one often within this: in the first
 * part of the page, it is painted with the lines. Streamed after them, it arrives while the page's
 * scripts start, and is painted only once their first long task is over.
 */
const TIMELINE_WAIT_MS = 150;

export interface ViewerPageData {
  lines: LogLines | null;
  /** The whole log's timeline, or a promise of it when it took longer (null: the browser asks for it). */
  timeline: LogTimeline | Promise<LogTimeline | null> | null;
}

const LATE = "late" as const;
const NOTHING: ViewerPageData = { lines: null, timeline: null };

/**
 * The last lines of a log, read while the viewer page renders on the server, so they are in its HTML
 * instead of waiting for the page's scripts to start and ask for them; then its timeline, with them
 * or streamed after them (reading both at once slowed the lines). Anything
 * short (no session, not allowed, nothing published, a store failure, lines too long for a page) gives
 * null: the browser then asks the API, which answers with the proper error, so no failure is decided
 * twice.
 */
export async function viewerPageData(
  scope: Scope,
  instanceId: string,
  logName: string,
  cookie: string | undefined,
  count: number,
): Promise<ViewerPageData> {
  try {
    const runtime = await getRuntime();
    const signedIn = await sessionOfCookie(cookie, runtime);
    if (!signedIn || (scope === "admin" && !signedIn.caller.isAdmin)) return NOTHING;
    const { caller } = signedIn;
    const log = await runtime.backend.openPublishedLog(caller, instanceId, logName);
    const lines = await readLines(log, { tail: count, count });
    const text = lines.lines.reduce((sum, line) => sum + line.length, 0);
    if (text > MAX_PAGE_TEXT) return NOTHING;
    const timeline = formatOf(runtime, caller, instanceId, logName)
      .then((format) => buildTimeline(log, format, TIMELINE_BUCKETS))
      .catch(() => null);
    const ready = await Promise.race([timeline, sleep(TIMELINE_WAIT_MS).then(() => LATE)]);
    return { lines, timeline: ready === LATE ? timeline : ready };
  } catch {
    return NOTHING;
  }
}
