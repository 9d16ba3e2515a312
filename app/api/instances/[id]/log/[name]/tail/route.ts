// GET /api/instances/{id}/log/{name}/tail?lines=N — text/plain, last N lines of the published log
import { tailQuerySchema } from "@/lib/schemas/log";
import { logParamsSchema } from "@/lib/schemas/route-params";
import { tailLog } from "@/lib/server/log-reader/tail";
import { parseWith } from "@/lib/server/http/request-guards";
import { iteratorToStream } from "@/lib/server/http/respond";
import { sessionRoute } from "@/lib/server/http/route";

export const GET = sessionRoute({ params: logParamsSchema }, async ({ request, params, runtime, caller }) => {
  const query = parseWith(tailQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  const published = await runtime.backend.openPublishedLog(caller, params.id, params.name);
  const body = await tailLog(published, query.lines);
  return new Response(iteratorToStream(body), {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
