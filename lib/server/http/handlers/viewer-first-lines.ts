import "server-only";
import type { Scope } from "@/lib/paths";
import type { LogLines } from "@/lib/schemas/log-view";
import { readLines } from "@/lib/server/log-reader/read-lines";
import { getRuntime } from "@/lib/server/runtime";
import { currentSession } from "../route";

/** Lines the viewer page carries in its HTML: the end of the log is on screen before any script runs. */
export const FIRST_PAINT_LINES = 200;
/**
 * The page waits no longer for them (a real Trove's copy without a line index may need a HEAD per
 * object): the browser then asks for them itself, and the index built meanwhile serves that request.
 */
const WAIT_MS = 1_500;

async function read(scope: Scope, cookie: string, instanceId: string, logName: string) {
  const runtime = await getRuntime();
  const request = new Request("http://viewer.invalid/", { headers: { cookie } });
  const signedIn = await currentSession(request, runtime);
  if (!signedIn || (scope === "admin" && !signedIn.caller.isAdmin)) return null;
  const log = await runtime.backend.openPublishedLog(signedIn.caller, instanceId, logName);
  return readLines(log, { tail: FIRST_PAINT_LINES, count: FIRST_PAINT_LINES });
}

/**
 * The last lines of a log for the viewer's server render, with the same session and access checks as
 * `GET …/lines`. Null whenever they are not simply there (no session, nothing published, an error,
 * too slow): the viewer then loads them in the browser and reports any error as usual.
 */
export async function viewerFirstLines(
  scope: Scope,
  cookie: string | null,
  instanceId: string,
  logName: string,
): Promise<LogLines | null> {
  if (!cookie) return null;
  const lines = read(scope, cookie, instanceId, logName).catch(() => null);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), WAIT_MS);
  });
  try {
    return await Promise.race([lines, late]);
  } finally {
    clearTimeout(timer);
  }
}
