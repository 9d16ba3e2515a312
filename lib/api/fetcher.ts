import { apiErrorSchema } from "@/lib/schemas/api-error";

/** "… (reference 3f9a0c1e2b)": the reason, and the server log's line for whoever looks into it. */
export const withReference = (message: string, reference?: string) =>
  reference ? `${message} (reference ${reference})` : message;

/**
 * An API failure with the server's own reason, ready to show to a person: `message` ends with the
 * server's reference when it logged more (everything that shows `message` shows the reference too).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    readonly reference?: string,
    /** Admins only: what the service behind the dashboard said in full (e.g. a traceback). */
    readonly detail?: string,
    /** The answer's X-Request-Id: the server's request log line (and error lines) carry it. */
    readonly requestId?: string,
  ) {
    super(withReference(reason, reference));
    this.name = "ApiError";
  }
}

/** Turns a non-2xx answer into ApiError with the server's reason (JSON `{error}`, else the status). */
export async function throwIfFailed(response: Response): Promise<Response> {
  if (response.ok) return response;
  const text = await response.text().catch(() => "");
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined; // a proxy's HTML error page
  }
  const parsed = apiErrorSchema.safeParse(body);
  const requestId = response.headers.get("x-request-id") ?? undefined;
  if (parsed.success) {
    const { code, message, reference, detail } = parsed.data.error;
    throw new ApiError(response.status, code, message, reference, detail, requestId);
  }
  throw new ApiError(
    response.status,
    "http_error",
    `The server answered ${response.status} ${response.statusText}.`,
    undefined,
    undefined,
    requestId,
  );
}

/** fetch for our JSON API: same-origin cookies, JSON in and out, `{error}` bodies turned into ApiError. */
export async function apiFetch<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  const text = await (await throwIfFailed(response)).text();
  return (text ? JSON.parse(text) : undefined) as T;
}
