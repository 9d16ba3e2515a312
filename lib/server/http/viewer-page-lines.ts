import "server-only";
import type { Scope } from "@/lib/paths";
import type { LogLines } from "@/lib/schemas/log-view";
import { readLines } from "@/lib/server/log-reader/read-lines";
import { getRuntime } from "@/lib/server/runtime";
import { sessionOfCookie } from "./route";

/**
 * The last lines of a log, read while the viewer page renders on the server, so they are in its HTML
 * instead of waiting for the page's scripts to start and ask for them. Anything short of lines (no
 * session, not allowed, nothing published, a store failure) gives null: the browser then asks the API,
 * which answers with the proper error, so no failure is decided twice.
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
    return await readLines(log, { tail: count, count });
  } catch {
    return null;
  }
}
