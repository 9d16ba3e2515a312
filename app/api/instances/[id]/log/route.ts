// GET  /api/instances/{id}/log — the logs the caller may see ({logs: [...]}, Trove's shape)
// POST /api/instances/{id}/log — Trove's log action body {name, enable|disable|publish|discard: 1} → {log}
import { logActionBodySchema } from "@/lib/schemas/log";
import { instanceParamsSchema } from "@/lib/schemas/route-params";
import { readJsonBody } from "@/lib/server/http/request-guards";
import { json } from "@/lib/server/http/respond";
import { sessionRoute } from "@/lib/server/http/route";

export const GET = sessionRoute({ params: instanceParamsSchema }, async ({ params, runtime, caller }) =>
  json({ logs: await runtime.backend.listLogs(caller, params.id) }),
);

export const POST = sessionRoute(
  { params: instanceParamsSchema, mutation: true },
  async ({ request, params, runtime, caller }) => {
    const action = await readJsonBody(request, logActionBodySchema, "log action");
    return json({ log: await runtime.backend.logAction(caller, params.id, action) });
  },
);
