import "server-only";
import type { Scope } from "@/lib/paths";
import type { LogLines } from "@/lib/schemas/log-view";
import { readLines } from "@/lib/server/log-reader/read-lines";
import { getRuntime } from "@/lib/server/runtime";
import { sessionOfCookie } from "./route";

/** Lines of up to 64 KB each could make a page of megabytes: past this, the browser asks for them. */
const MAX_PAGE_TEXT = 512 * 1024;

/**
 * The last lines of a log, read while the viewer page renders on the server, so they are in its HTML
 * instead of waiting for the page's scripts to start and ask for them. Anything short of lines (no
 * session, not allowed, nothing published, a store failure, lines too long for a page) gives null: the
 * browser then asks the API, which answers with the proper error, so no failure is decided twice.
 */
export async function viewerPageLines(
  scope: Scope,
  instanceId: string,
  logName: string,
  cookie: string | undefined,
  count: number,
): Promise<LogLines | null> {
  try {
    const runtime = await getRuntime();
    const signedIn = await sessionOfCookie(cookie, runtime);
    if (!signedIn || (scope === "admin" && !signedIn.caller.isAdmin)) return null;
    const log = await runtime.backend.openPublishedLog(signedIn.caller, instanceId, logName);
    const lines = await readLines(log, { tail: count, count });
    const text = lines.lines.reduce((sum, line) => sum + line.length, 0);
    return text > MAX_PAGE_TEXT ? null : lines;
  } catch {
    return null;
  }
}
