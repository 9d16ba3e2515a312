import { apiErrorSchema } from "@/lib/schemas/api-error";

/** An API failure with the server's own reason, ready to show to a person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
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
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(data);
    if (parsed.success)
      throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
    throw new ApiError(
      response.status,
      "http_error",
      `The server answered ${response.status} ${response.statusText}.`,
    );
  }
  return data as T;
}
