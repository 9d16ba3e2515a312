import "server-only";
import { tailQuerySchema } from "@/lib/schemas/log";
import { logLinesQuerySchema, logSearchQuerySchema } from "@/lib/schemas/log-view";
import { logParamsSchema } from "@/lib/schemas/route-params";
import type { Scope } from "@/lib/paths";
import { downloadLog } from "@/lib/server/log-reader/download";
import { readLines } from "@/lib/server/log-reader/read-lines";
import { tailLog } from "@/lib/server/log-reader/tail";
import { DECLARED_LENGTH_HEADER } from "@/lib/server/front/declared-length";
import { attachmentDisposition, downloadFileName } from "../download-name";
import { parseWith } from "../request-guards";
import { iteratorToStream, json } from "../respond";
import { checkSearch, searchResponse } from "./search-response";
import { sessionRoute, type Handled, type SignedIn } from "../route";

type LogRequest = Handled<{ id: string; name: string }> & SignedIn;

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
const TEXT_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/** A reader route: session (admins only under /api/admin), path checked, log located (404 if unpublished). */
const readRoute = (scope: Scope, handler: (context: LogRequest) => Promise<Response>) =>
  sessionRoute({ params: logParamsSchema, adminOnly: scope === "admin" }, handler);

const open = ({ runtime, caller, params }: LogRequest) =>
  runtime.backend.openPublishedLog(caller, params.id, params.name);

export const tailHandler = (scope: Scope) =>
  readRoute(scope, async (context) => {
    const { lines } = parseWith(tailQuerySchema, query(context.request), "query");
    const body = await tailLog(await open(context), lines);
    return new Response(iteratorToStream(body), {
      headers: { ...TEXT_HEADERS, "Content-Type": "text/plain; charset=utf-8" },
    });
  });

export const downloadHandler = (scope: Scope) =>
  readRoute(scope, async (context) => {
    const { runtime, caller, params } = context;
    const [{ size, body }, instance] = await Promise.all([
      open(context).then(downloadLog),
      runtime.backend.getInstance(caller, params.id),
    ]);
    const fileName = downloadFileName(instance.name || instance.id, params.name, new Date());
    return new Response(iteratorToStream(body), {
      headers: {
        ...TEXT_HEADERS,
        "Content-Type": "application/octet-stream",
        "Content-Disposition": attachmentDisposition(fileName),
        // Becomes the Content-Length (Next drops a route's own): browsers show the download's progress.
        [DECLARED_LENGTH_HEADER]: String(size),
        "Cache-Control": "no-store, no-transform",
      },
    });
  });

export const linesHandler = (scope: Scope) =>
  readRoute(scope, async (context) => {
    const request = parseWith(logLinesQuerySchema, query(context.request), "query");
    return json(
      await readLines(await open(context), {
        fromLine: request.from_line,
        tail: request.tail,
        count: request.count,
      }),
    );
  });

export const searchHandler = (scope: Scope) =>
  readRoute(scope, async (context) => {
    const request = parseWith(logSearchQuerySchema, query(context.request), "query");
    const search = {
      query: request.q,
      regex: request.regex === "1",
      caseSensitive: request.case === "1",
      limit: request.limit,
    };
    checkSearch(search);
    const log = await open(context);
    return searchResponse(log, search, context.caller.userId, context.request.signal);
  });
