import "server-only";
import { z } from "zod";
import { guestLogSchema, type GuestLog, type LogAction } from "@/lib/schemas/log";
import { timeUpstream } from "@/lib/server/ops/metrics";
import { readTroveFault } from "./trove-faults";

/** The fields of Trove's instance we use (Trove sends many more). */
const troveInstanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  tenant_id: z.string().optional(),
  datastore: z.object({ type: z.string(), version: z.string().optional().default("") }).optional(),
  // Trove 18's instance show; its list leaves out the times and the fault.
  created: z.string().optional(),
  updated: z.string().optional(),
  flavor: z.object({ id: z.string() }).loose().nullish(),
  volume: z.object({ size: z.number(), used: z.number().optional() }).loose().nullish(),
  fault: z.object({ message: z.string(), created: z.string() }).loose().nullish(),
});
export type TroveInstance = z.infer<typeof troveInstanceSchema>;

export interface TroveEndpoint {
  /** The catalog's `database` URL for the project, e.g. http://host:8779/v1.0/<project_id>. */
  url: string;
  token: string;
  timeoutMs: number;
}

/**
 * A failed call to Trove, with the status to answer (Trove's own for 400/403/404/409; 401 when Trove
 * refused the session's token; 503 when Trove fails, times out or cannot be reached). `message` is one
 * line that names no address; `troveText` is Trove's whole message when it says more (the guest's
 * remote traceback), for admins; `detail` (Trove's URL and whole answer) is for the server log.
 */
export class TroveCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail?: string,
    readonly troveText?: string,
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
 * Trove 18's guest hands Swift each piece of a log as text, which Python sends as Latin-1: a piece
 * with any other character (Ł, 日, an emoji) fails, and so does every later publish of that log.
 */
const NOT_LATIN1 = /'latin-1' codec can't encode character/;

/** "190 s", "0.5 s": the timeout as a person reads it. */
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** A failed answer of Trove as the error the dashboard answers with. */
function failure(response: Response, text: string, url: string): TroveCallError {
  const detail = `${response.status} from ${url}: ${text.slice(0, 4000)}`;
  const fault = readTroveFault(response.status, text);
  // keystonemiddleware in front of Trove checks the token with Keystone: a 401 means the session's
  // token is no good any more (expired or revoked), whatever this dashboard's own check last said.
  if (response.status === 401) {
    return new TroveCallError(401, "Trove did not accept your session's token: log in again.", detail);
  }
  if (fault.guestUnreachable) {
    return new TroveCallError(
      503,
      "Trove could not reach the instance's guest agent in time: Trove's message queue (RabbitMQ) or " +
        "the guest agent is down or overloaded. Try again once they are back.",
      detail,
      fault.full ?? (fault.line || undefined),
    );
  }
  if ([400, 403, 404, 409].includes(response.status)) {
    const line = MISSING_FILE.test(fault.line)
      ? "Nothing has been written to this log yet, so there is nothing to publish."
      : NOT_LATIN1.test(fault.line)
        ? "Trove's guest agent cannot publish this log: it holds a character outside Latin-1 (such as Ł " +
          "or 日), which Trove 18 fails to upload. Its copy ends before that character's piece."
        : fault.line || `Trove refused the request (HTTP ${response.status}).`;
    return new TroveCallError(response.status, line, detail, fault.full);
  }
  const line = fault.line
    ? `Trove failed (HTTP ${response.status}): ${fault.line}`
    : `Trove answered HTTP ${response.status}.`;
  return new TroveCallError(503, line, detail, fault.full);
}

/** Why fetch failed, without where: unreachable (`ECONNREFUSED`), or silent for the whole timeout. */
function unreachable(error: unknown, timeoutMs: number): string {
  // A Trove that waits for a guest agent whose message queue is gone holds the request for its
  // agent_call_high_timeout: the dashboard gives up first, with the same 503.
  if ((error as Error).name === "TimeoutError") {
    return `Trove (the database service) did not answer within ${seconds(timeoutMs)}. Try again later.`;
  }
  const code = ((error as Error).cause as { code?: unknown } | undefined)?.code;
  return `Trove (the database service) is unreachable: ${typeof code === "string" ? code : "the connection failed"}.`;
}

async function call<T>(
  endpoint: TroveEndpoint,
  path: string,
  schema: z.ZodType<T> | null,
  body?: unknown,
): Promise<T> {
  const url = `${endpoint.url.replace(/\/+$/, "")}${path}`;
  let response: Response;
  let text: string;
  const settle = timeUpstream("trove", body === undefined ? "GET" : "POST");
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
    text = await response.text(); // the same deadline covers the body
    settle(response.status);
  } catch (error) {
    settle((error as Error).name === "TimeoutError" ? "timeout" : "unreachable");
    const cause = (error as Error).cause as Error | undefined;
    throw new TroveCallError(
      503,
      unreachable(error, endpoint.timeoutMs),
      `${url}: ${(error as Error).message}${cause?.message ? ` (${cause.message})` : ""}`,
    );
  }
  if (!response.ok) throw failure(response, text, url);
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
