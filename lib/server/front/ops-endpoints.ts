import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readiness } from "@/lib/server/ops/readiness";

export interface OpsEndpoints {
  readiness: () => Promise<Readiness>;
  /** The Prometheus text and its content type. */
  metrics: () => Promise<{ text: string; contentType: string }>;
  /** Bearer token for /metrics; undefined: /metrics is off. */
  metricsToken?: string;
}

function answer(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    ...headers,
  });
  response.end(response.req.method === "HEAD" ? undefined : body);
}

const error = (code: string, message: string) => JSON.stringify({ error: { code, message } });

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? "")?.[1]?.trim() ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * `/healthz`, `/readyz` and `/metrics`, answered by the front door itself: cheap, before Next, and
 * with nothing a stranger could use (no address, version or path). Answers whether it took the request.
 */
export function answerOps(request: IncomingMessage, response: ServerResponse, ops: OpsEndpoints): boolean {
  const path = (request.url ?? "").split("?", 1)[0];
  if (path !== "/healthz" && path !== "/readyz" && path !== "/metrics") return false;
  if (request.method !== "GET" && request.method !== "HEAD") {
    answer(response, 405, error("method_not_allowed", "Use GET."), { Allow: "GET, HEAD" });
    return true;
  }
  if (path === "/healthz") {
    answer(response, 200, JSON.stringify({ status: "ok" }));
    return true;
  }
  if (path === "/readyz") {
    void ops.readiness().then(
      (readiness) => answer(response, readiness.status === "ready" ? 200 : 503, JSON.stringify(readiness)),
      () => answer(response, 503, JSON.stringify({ status: "not_ready", checks: {} })),
    );
    return true;
  }
  if (!ops.metricsToken) {
    answer(response, 404, error("not_found", "Not found."));
  } else if (!tokenMatches(request.headers.authorization, ops.metricsToken)) {
    answer(response, 401, error("unauthorized", "The metrics need the operator's bearer token."), {
      "WWW-Authenticate": 'Bearer realm="metrics"',
    });
  } else {
    void ops.metrics().then(
      ({ text, contentType }) => answer(response, 200, text, { "Content-Type": contentType }),
      () => answer(response, 500, error("internal", "The metrics could not be collected.")),
    );
  }
  return true;
}
