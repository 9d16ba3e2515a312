import "server-only";
import { z } from "zod";
import { instanceIdSchema } from "@/lib/schemas/instance";
import type { Caller } from "@/lib/server/backend/log-backend";
import { BodyIncompleteError, BodyTooLargeError, readBodyText } from "@/lib/server/http/request-body";
import { requestOrigin } from "@/lib/server/http/request-origin";
import { getRuntime, type Runtime } from "@/lib/server/runtime";
import { TroveFault, toFaultResponse } from "./faults";
import { callerFromToken } from "./token-auth";

const paramsSchema = z.object({
  project_id: z.string().min(1).max(255),
  id: instanceIdSchema.optional(),
});

export interface TroveContext {
  request: Request;
  runtime: Runtime;
  caller: Caller;
  projectId: string;
  instanceId?: string;
  /** Where this API is served, for the links Trove puts in its answers. */
  baseUrl: string;
}

interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * A route of the Trove v1.0 API: token from X-Auth-Token, the URL's project must be the token's
 * ("User with tenant id … cannot access this resource"), answers and faults in Trove's shapes.
 */
export function troveRoute(handler: (context: TroveContext) => Promise<Response>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const runtime = await getRuntime();
      const caller = await callerFromToken(runtime, request.headers.get("x-auth-token"));
      const params = paramsSchema.safeParse(await context.params);
      if (!params.success) throw new TroveFault(404, "The resource could not be found.");
      const projectId = params.data.project_id;
      if (projectId !== caller.projectId) {
        throw new TroveFault(403, `User with tenant id ${caller.projectId} cannot access this resource.`);
      }
      return await handler({
        request,
        runtime,
        caller,
        projectId,
        instanceId: params.data.id,
        baseUrl: requestOrigin(request).origin,
      });
    } catch (error) {
      return toFaultResponse(error);
    }
  };
}

/** A Trove request body: JSON of at most 64 KiB (more is a 413 overLimit, never read whole). */
export async function troveBody(request: Request): Promise<unknown> {
  let text: string;
  try {
    text = await readBodyText(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new TroveFault(413, error.message);
    if (error instanceof BodyIncompleteError) throw new TroveFault(400, error.message);
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new TroveFault(400, "Malformed request body: it must be JSON.");
  }
}

export const troveJson = (data: unknown, status = 200) =>
  Response.json(data, { status, headers: { "Cache-Control": "no-store" } });
