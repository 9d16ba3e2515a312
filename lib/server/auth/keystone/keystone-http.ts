import "server-only";
import { timeUpstream } from "@/lib/server/ops/metrics";
import { IdentityError } from "../identity-error";

export interface KeystoneResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface KeystoneRequest {
  method: "GET" | "POST" | "DELETE" | "HEAD";
  headers?: Record<string, string>;
  body?: unknown;
}

const describeFailure = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
};

/** Keystone's own message from an error body (`{"error": {"message": …}}`), when it has one. */
export function keystoneMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === "string" ? message : undefined;
}

/**
 * One request to Keystone with a deadline for the whole exchange. Unreachable, too slow or failing
 * (5xx) all become a 503 IdentityError that says which; other statuses are the caller's to interpret.
 */
export async function keystoneFetch(
  baseUrl: string,
  path: string,
  request: KeystoneRequest,
  timeoutMs: number,
): Promise<KeystoneResponse> {
  const url = `${baseUrl}${path}`;
  const headers: Record<string, string> = { Accept: "application/json", ...request.headers };
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  let text: string;
  const settle = timeUpstream("keystone", request.method);
  try {
    response = await fetch(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
    text = await response.text();
    settle(response.status);
  } catch (error) {
    const name = (error as Error).name;
    settle(name === "TimeoutError" || name === "AbortError" ? "timeout" : "unreachable");
    if (name === "TimeoutError" || name === "AbortError") {
      throw new IdentityError(
        503,
        "service_unavailable",
        `Keystone (${baseUrl}) did not answer within ${Math.round(timeoutMs / 100) / 10} s. Try again later.`,
      );
    }
    throw new IdentityError(
      503,
      "service_unavailable",
      `Keystone (${baseUrl}) is unreachable (${describeFailure(error)}). Try again later.`,
    );
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (response.status >= 500) {
    const detail = keystoneMessage(body);
    throw new IdentityError(
      503,
      "service_unavailable",
      `Keystone (${baseUrl}) failed with HTTP ${response.status}${detail ? `: ${detail}` : ""}. Try again later.`,
    );
  }
  return { status: response.status, headers: response.headers, body };
}
