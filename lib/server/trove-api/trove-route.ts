import "server-only";
import { z } from "zod";
import { instanceIdSchema } from "@/lib/schemas/instance";
import type { Caller } from "@/lib/server/backend/log-backend";
import { BodyIncompleteError, BodyTooLargeError, readBodyText } from "@/lib/server/http/request-body";
import { requestOrigin } from "@/lib/server/http/request-origin";
import { noteCaller } from "@/lib/server/ops/request-context";
import { getRuntime, type Runtime } from "@/lib/server/runtime";
import { malformedBody, tenantMismatch, toFaultResponse, TroveFault, unsupportedMediaType } from "./faults";
import { callerFromToken } from "./token-auth";
import type { ViewContext } from "./trove-views";

const projectSchema = z.object({ project_id: z.string().min(1).max(255).optional() });
const idSchema = z.object({ id: instanceIdSchema.optional() });

export interface TroveContext {
  request: Request;
  runtime: Runtime;
  caller: Caller;
  projectId: string;
  instanceId?: string;
  /** How Trove's views show things to this caller (links, admin-only fields, region). */
  view: ViewContext;
}

interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * A route of the Trove v1.0 API in the order Trove's pipeline checks a request: the token
 * (keystonemiddleware: 401/503), the URL's project against the token's (TenantBasedAuth: 403, also
 * for `/v1.0` and `/v1.0/{project}` with nothing after them, whose paths that check cannot read),
 * then the route and the controller. Answers and faults in Trove's shapes.
 */
export function troveRoute(handler: (context: TroveContext) => Promise<Response>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    let instanceId: string | undefined;
    try {
      const runtime = await getRuntime();
      const caller = await callerFromToken(runtime, request.headers.get("x-auth-token"));
      noteCaller(caller); // for the request log
      const params = await context.params;
      const project = projectSchema.safeParse(params);
      if (!project.success || project.data.project_id !== caller.projectId)
        throw tenantMismatch(caller.projectId);
      const id = idSchema.safeParse(params);
      if (!id.success) throw new TroveFault(404, "The resource could not be found.");
      instanceId = id.data.id;
      return await handler({
        request,
        runtime,
        caller,
        projectId: caller.projectId,
        instanceId,
        view: {
          baseUrl: requestOrigin(request).origin,
          projectId: caller.projectId,
          isAdmin: caller.isAdmin,
          region: runtime.config.regionName,
        },
      });
    } catch (error) {
      return toFaultResponse(error, instanceId);
    }
  };
}

/**
 * A Trove request body as Trove's deserializer reads it: none is no body; a Content-Type other than
 * JSON is its 415 (no Content-Type reads as text/plain there, as Trove's eventlet server fills it in);
 * JSON that does not parse its 400. At most 64 KiB (more is a 413 overLimit, never read whole).
 */
export async function troveBody(request: Request): Promise<unknown> {
  let text: string;
  try {
    text = await readBodyText(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new TroveFault(413, error.message);
    if (error instanceof BodyIncompleteError) throw new TroveFault(400, error.message);
    throw error;
  }
  if (text.length === 0) return {};
  const contentType = request.headers.get("content-type") ?? "text/plain";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") throw unsupportedMediaType(contentType);
  try {
    return JSON.parse(text);
  } catch {
    throw malformedBody();
  }
}

export const troveJson = (data: unknown, status = 200) =>
  Response.json(data, { status, headers: { "Cache-Control": "no-store" } });
