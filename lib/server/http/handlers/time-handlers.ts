import "server-only";
import { logTimeQuerySchema, logTimelineQuerySchema } from "@/lib/schemas/log-time";
import { logParamsSchema } from "@/lib/schemas/route-params";
import type { Scope } from "@/lib/paths";
import { findTime } from "@/lib/server/log-index/find-time";
import { buildTimeline } from "@/lib/server/log-index/timeline";
import { parseWith } from "../request-guards";
import { openTimedLog } from "../timed-log";
import { json } from "../respond";
import { sessionRoute, type Handled, type SignedIn } from "../route";

type LogRequest = Handled<{ id: string; name: string }> & SignedIn;

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** A time route: session (admins only under /api/admin), path checked; 404 when nothing is published. */
const timeRoute = (scope: Scope, handler: (context: LogRequest) => Promise<Response>) =>
  sessionRoute({ params: logParamsSchema, adminOnly: scope === "admin" }, handler);

const openTimed = ({ runtime, caller, params }: LogRequest) =>
  openTimedLog(runtime, caller, params.id, params.name);

/** GET …/log/{name}/time?at=ISO: the first line at or after the instant. */
export const timeHandler = (scope: Scope) =>
  timeRoute(scope, async (context) => {
    // A missing `at` gets the same example as a malformed one, not "expected string".
    const { at } = parseWith(logTimeQuerySchema, { at: "", ...query(context.request) }, "query");
    const { log, format } = await openTimed(context);
    return json(await findTime(log, format, Date.parse(at)));
  });

/** GET …/log/{name}/timeline?buckets=N: the whole log's volume over time, from publish-time indexes. */
export const timelineHandler = (scope: Scope) =>
  timeRoute(scope, async (context) => {
    const { buckets } = parseWith(logTimelineQuerySchema, query(context.request), "query");
    const { log, format } = await openTimed(context);
    return json(await buildTimeline(log, format, buckets));
  });
