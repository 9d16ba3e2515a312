// GET /api/instances/{id} — one instance (404 for another project's)
import { instanceParamsSchema } from "@/lib/schemas/route-params";
import { json } from "@/lib/server/http/respond";
import { sessionRoute } from "@/lib/server/http/route";

export const GET = sessionRoute({ params: instanceParamsSchema }, async ({ params, runtime, caller }) =>
  json({ instance: await runtime.backend.getInstance(caller, params.id) }),
);
