import "server-only";
import { followBodySchema } from "@/lib/schemas/log-follow";
import { logParamsSchema } from "@/lib/schemas/route-params";
import type { Scope } from "@/lib/paths";
import { readJsonBody } from "../request-guards";
import { json } from "../respond";
import { sessionRoute } from "../route";

/** `POST …/log/{name}/follow`: one poll of Follow (a mutation: it may publish or, when asked, enable). */
export const followHandler = (scope: Scope) =>
  sessionRoute(
    { params: logParamsSchema, mutation: true, adminOnly: scope === "admin" },
    async ({ request, params, runtime, caller }) => {
      const body = await readJsonBody(request, followBodySchema, "follow request");
      return json(await runtime.backend.follow(caller, params.id, params.name, body));
    },
  );
