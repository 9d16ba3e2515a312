import "server-only";
import { z } from "zod";
import { guestLogSchema, type GuestLog, type LogAction } from "@/lib/schemas/log";
import { HttpError } from "@/lib/server/http/errors";

/** The fields of Trove's instance we use (Trove sends many more). */
const troveInstanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  tenant_id: z.string().optional(),
  datastore: z.object({ type: z.string(), version: z.string().optional().default("") }).optional(),
});
export type TroveInstance = z.infer<typeof troveInstanceSchema>;

export interface TroveEndpoint {
  /** The catalog's `database` URL for the project, e.g. http://host:8779/v1.0/<project_id>. */
  url: string;
  token: string;
  timeoutMs: number;
}

/**
 * Trove's faults are `{"<name>": {"code", "message"}}`; guest errors carry a remote traceback after
 * the first line, which is all a person needs to read.
 */
function faultMessage(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, { message?: unknown }>;
    const fault = Object.values(parsed)[0];
    if (fault && typeof fault.message === "string") return fault.message.split("\n")[0]!.trim();
  } catch {
    // not JSON: fall through
  }
  return `Trove answered ${status}${body ? `: ${body.slice(0, 200)}` : ""}`;
}

const STATUS_CODES: Record<number, HttpError["code"]> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
};

async function call<T>(
  endpoint: TroveEndpoint,
  path: string,
  schema: z.ZodType<T> | null,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${endpoint.url.replace(/\/+$/, "")}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        "X-Auth-Token": endpoint.token,
        Accept: "application/json",
        "Content-Type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
  } catch (error) {
    const reason =
      (error as Error).name === "TimeoutError" ? "did not answer in time" : (error as Error).message;
    throw new HttpError(503, "service_unavailable", `Trove at ${endpoint.url} is unreachable: ${reason}`);
  }
  const text = await response.text();
  if (!response.ok) {
    const status = response.status >= 500 ? 503 : response.status;
    throw new HttpError(
      status,
      STATUS_CODES[status] ?? "service_unavailable",
      faultMessage(response.status, text),
    );
  }
  if (schema === null) return undefined as T; // actions answer 202 with no body
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new HttpError(
      503,
      "service_unavailable",
      "Trove sent an answer this dashboard does not understand.",
    );
  return parsed.data;
}

/** Trove may send `published`/`pending` as strings (its api-ref does); the dashboard wants integers. */
const troveLogSchema = guestLogSchema.extend({
  published: z.coerce.number().int(),
  pending: z.coerce.number().int(),
});

export const troveClient = {
  listInstances: (endpoint: TroveEndpoint) =>
    call(endpoint, "/instances", z.object({ instances: z.array(troveInstanceSchema) })).then(
      (body) => body.instances,
    ),
  /** Trove's management API (admins): instances of every project. */
  listAllInstances: (endpoint: TroveEndpoint) =>
    call(endpoint, "/mgmt/instances", z.object({ instances: z.array(troveInstanceSchema) })).then(
      (body) => body.instances,
    ),
  getInstance: (endpoint: TroveEndpoint, id: string) =>
    call(endpoint, `/instances/${encodeURIComponent(id)}`, z.object({ instance: troveInstanceSchema })).then(
      (b) => b.instance,
    ),
  restartInstance: (endpoint: TroveEndpoint, id: string) =>
    call<void>(endpoint, `/instances/${encodeURIComponent(id)}/action`, null, { restart: {} }),
  listLogs: (endpoint: TroveEndpoint, id: string): Promise<GuestLog[]> =>
    call(
      endpoint,
      `/instances/${encodeURIComponent(id)}/log`,
      z.object({ logs: z.array(troveLogSchema) }),
    ).then((b) => b.logs),
  logAction: (endpoint: TroveEndpoint, id: string, action: LogAction): Promise<GuestLog> => {
    // Trove's clients send integers (python-troveclient: int(flag)); send only the flags that are set.
    const body: Record<string, unknown> = { name: action.name };
    for (const flag of ["enable", "disable", "publish", "discard"] as const) if (action[flag]) body[flag] = 1;
    return call(
      endpoint,
      `/instances/${encodeURIComponent(id)}/log`,
      z.object({ log: troveLogSchema }),
      body,
    ).then((b) => b.log);
  },
};
