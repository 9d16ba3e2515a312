import "server-only";
import { followBodySchema } from "@/lib/schemas/log-follow";
import { logParamsSchema } from "@/lib/schemas/route-params";
import type { Scope } from "@/lib/paths";
import { PublishJobs } from "@/lib/server/backend/publish-jobs";
import { describeError } from "../errors";
import { readJsonBody } from "../request-guards";
import { json } from "../respond";
import { sessionRoute } from "../route";

/** `POST …/log/{name}/follow`: one poll of Follow (a mutation: it may publish or, when asked, enable). */
export const followHandler = (scope: Scope) =>
  sessionRoute(
    { params: logParamsSchema, mutation: true, adminOnly: scope === "admin" },
    async ({ request, params, runtime, caller }) => {
      const body = await readJsonBody(request, followBodySchema, "follow request");
      const key = PublishJobs.key(params.id, params.name);
      const state = await runtime.backend
        .follow(caller, params.id, params.name, body)
        .catch((error: unknown) => {
          // A publish the server could not finish shows on the log like any other failed publish.
          if (describeError(error).status >= 500) runtime.publishJobs.failed(key, error);
          throw error;
        });
      if (state.published_now) runtime.publishJobs.succeeded(key);
      return json(state);
    },
  );
