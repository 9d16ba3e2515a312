// GET /api/instances — the session project's instances; admins may add ?all_projects=1
import { instanceListQuerySchema } from "@/lib/schemas/instance";
import { parseWith } from "@/lib/server/http/request-guards";
import { json } from "@/lib/server/http/respond";
import { sessionRoute } from "@/lib/server/http/route";

export const GET = sessionRoute({}, async ({ request, runtime, caller }) => {
  const query = parseWith(
    instanceListQuerySchema,
    Object.fromEntries(new URL(request.url).searchParams),
    "query",
  );
  const instances = await runtime.backend.listInstances(caller, { allProjects: query.all_projects });
  return json({ instances });
});
