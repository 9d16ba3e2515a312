import "server-only";
import { z } from "zod";
import { guestLogSchema, type GuestLog, type LogAction } from "@/lib/schemas/log";

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
 * A failed call to Trove, with the status to answer (Trove's own for 400/403/404/409; 503 when Trove
 * fails or cannot be reached). `message` names no address; `detail` (Trove's URL, its whole answer
 * with the guest's traceback) is for the server log.
 */
export class TroveCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = "TroveCallError";
  }
}

export const isTroveCallError = (error: unknown): error is TroveCallError =>
  error instanceof Error &&
  error.name === "TroveCallError" &&
  typeof (error as { status?: unknown }).status === "number";

/** Trove's guest agent refuses to publish a file that is not there, naming its path on the guest. */
const MISSING_FILE = /^Cannot publish log file '.*' as it does not exist\.?$/;

/**
 * Trove's faults are `{"<name>": {"code", "message"}}`; guest errors carry a remote traceback after
 * the first line, which is all a person needs to read (the traceback goes to the server log).
 */
function faultMessage(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, { message?: unknown }>;
    const fault = Object.values(parsed)[0];
    if (fault && typeof fault.message === "string") {
      const first = fault.message.split("\n")[0]!.trim();
      const guest = first.replace(/^An error occurred communicating with the guest: /, "");
      return MISSING_FILE.test(guest)
        ? "Nothing has been written to this log yet, so there is nothing to publish."
        : first;
    }
  } catch {
    // not JSON: fall through
  }
  return `Trove answered HTTP ${status}.`;
}

/** Why fetch failed, without where: `ECONNREFUSED`, or "did not answer in time". */
function unreachableReason(error: unknown): string {
  if ((error as Error).name === "TimeoutError") return "it did not answer in time";
  const code = ((error as Error).cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : "the connection failed";
}

async function call<T>(
  endpoint: TroveEndpoint,
  path: string,
  schema: z.ZodType<T> | null,
  body?: unknown,
): Promise<T> {
  const url = `${endpoint.url.replace(/\/+$/, "")}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
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
    const cause = (error as Error).cause as Error | undefined;
    throw new TroveCallError(
      503,
      `Trove (the database service) is unreachable: ${unreachableReason(error)}.`,
      `${url}: ${(error as Error).message}${cause?.message ? ` (${cause.message})` : ""}`,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    const detail = `${response.status} from ${url}: ${text.slice(0, 4000)}`;
    // Trove checks the token with Keystone: a 401 means this session's token is no good there.
    if (response.status === 401) {
      throw new TroveCallError(401, "Trove did not accept your session's token: log in again.", detail);
    }
    const status = [400, 403, 404, 409].includes(response.status) ? response.status : 503;
    throw new TroveCallError(status, faultMessage(response.status, text), detail);
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
    throw new TroveCallError(
      503,
      "Trove sent an answer this dashboard does not understand.",
      `${url}: ${parsed.error.message.slice(0, 2000)}`,
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
