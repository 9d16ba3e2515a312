// GET /api/instances/{id}/log/{name}/download — the whole published log as <name>.log, streamed
import { logParamsSchema } from "@/lib/schemas/route-params";
import { downloadLog } from "@/lib/server/log-reader/download";
import { iteratorToStream } from "@/lib/server/http/respond";
import { sessionRoute } from "@/lib/server/http/route";

export const GET = sessionRoute({ params: logParamsSchema }, async ({ params, runtime, caller }) => {
  const published = await runtime.backend.openPublishedLog(caller, params.id, params.name);
  const { size, body } = await downloadLog(published);
  return new Response(iteratorToStream(body), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="${params.name}.log"`,
      "Cache-Control": "no-store, no-transform",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
