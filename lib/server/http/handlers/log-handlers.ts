import "server-only";
import { z } from "zod";
import { logActionBodySchema } from "@/lib/schemas/log";
import { instanceParamsSchema } from "@/lib/schemas/route-params";
import type { Scope } from "@/lib/paths";
import { PublishJobs } from "@/lib/server/backend/publish-jobs";
import { describeError } from "../errors";
import { parseWith, readJsonBody } from "../request-guards";
import { json } from "../respond";
import { sessionRoute } from "../route";
import { toLogDetails } from "./log-details";

const listQuerySchema = z.object({ details: z.enum(["0", "1"]).default("0") });
/** Our extension of Trove's body: run a publish in the background and answer at once. */
const actionBodySchema = logActionBodySchema.extend({ background: z.boolean().optional() });

/** How long a background publish may take before the answer goes out with its progress. */
const MOMENT_MS = 400;

export const listLogsHandler = (scope: Scope) =>
  sessionRoute(
    { params: instanceParamsSchema, adminOnly: scope === "admin" },
    async ({ request, params, runtime, caller }) => {
      const query = parseWith(
        listQuerySchema,
        Object.fromEntries(new URL(request.url).searchParams),
        "query",
      );
      const logs = await runtime.backend.listLogs(caller, params.id);
      if (query.details === "0") return json({ logs });
      const instance = await runtime.backend.getInstance(caller, params.id);
      return json({
        logs: await Promise.all(logs.map((log) => toLogDetails(runtime, caller, instance, log))),
      });
    },
  );

export const logActionHandler = (scope: Scope) =>
  sessionRoute(
    { params: instanceParamsSchema, mutation: true, adminOnly: scope === "admin" },
    async ({ request, params, runtime, caller }) => {
      const { background, ...action } = await readJsonBody(request, actionBodySchema, "log action");
      if (!background || !action.publish) {
        const key = PublishJobs.key(params.id, action.name);
        const log = await runtime.backend.logAction(caller, params.id, action).catch((error: unknown) => {
          // A publish the server could not finish (store full or down) shows on the log as a background one does.
          if (action.publish && describeError(error).status >= 500) runtime.publishJobs.failed(key, error);
          throw error;
        });
        if (action.publish) runtime.publishJobs.succeeded(key);
        return json({ log });
      }
      // Validate and learn the size first (errors answer at once), then publish in the background.
      const instance = await runtime.backend.getInstance(caller, params.id);
      const before = await runtime.backend.logAction(caller, params.id, { name: action.name });
      const job = runtime.publishJobs.start(
        PublishJobs.key(params.id, action.name),
        before.pending,
        (onProgress) => runtime.backend.logAction(caller, params.id, action, onProgress),
      );
      const outcome = await Promise.race([
        job.finished.then(
          (log) => ({ log }),
          (error: unknown) => ({ error }),
        ),
        new Promise<undefined>((done) => setTimeout(done, MOMENT_MS)),
      ]);
      if (outcome && "error" in outcome) throw outcome.error; // failed at once: answer with the reason
      if (outcome) return json({ log: await toLogDetails(runtime, caller, instance, outcome.log) });
      const now = await runtime.backend.logAction(caller, params.id, { name: action.name });
      return json({ log: await toLogDetails(runtime, caller, instance, now) }, 202);
    },
  );
