// POST /api/instances/{id}/action — Trove's instance action; {"restart": {}} applies pending log toggles
import { instanceActionBodySchema } from "@/lib/schemas/instance";
import { instanceParamsSchema } from "@/lib/schemas/route-params";
import { readJsonBody } from "@/lib/server/http/request-guards";
import { json } from "@/lib/server/http/respond";
import { sessionRoute } from "@/lib/server/http/route";

export const POST = sessionRoute(
  { params: instanceParamsSchema, mutation: true },
  async ({ request, params, runtime, caller }) => {
    await readJsonBody(request, instanceActionBodySchema, "instance action");
    return json({ instance: await runtime.backend.restartInstance(caller, params.id) }, 202);
  },
);
