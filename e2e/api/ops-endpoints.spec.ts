import { expect, test } from "@playwright/test";
import { rawRequest } from "../fixtures/raw-http";
import { INSTANCES } from "../fixtures/run";
import { INTERNAL_DETAIL, loginAs, run } from "../fixtures/api";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const bearer = { Authorization: `Bearer ${run.metricsToken}` };

/** One sample of the Prometheus text, e.g. `trove_logs_http_requests_total{route="/api/instances",…}`. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text
    .split("\n")
    .find(
      (candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)),
    );
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

test.describe("operator endpoints", () => {
  test("/healthz and /readyz answer without a session, and name no address or path", async ({ request }) => {
    const health = await request.get("/healthz");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    const ready = await request.get("/readyz");
    expect(ready.status()).toBe(200);
    const body = (await ready.json()) as { status: string; checks: Record<string, unknown> };
    expect(body.status).toBe("ready");
    // The configured server: local sign-in and the local store (no Keystone, no Trove to check).
    expect(Object.keys(body.checks).sort()).toEqual(["object_store", "sessions"]);
    for (const check of Object.values(body.checks)) {
      expect(check).toEqual({ ok: true, latency_ms: expect.any(Number) });
    }
    const text = JSON.stringify(body);
    expect(text).not.toMatch(INTERNAL_DETAIL);
    expect(text).not.toContain(run.dir);
    expect((await request.post("/readyz")).status()).toBe(405);
  });

  test("/metrics needs the operator's bearer token", async ({ request }) => {
    expect((await request.get("/metrics")).status()).toBe(401);
    const wrong = await request.get("/metrics", {
      headers: { Authorization: "Bearer not-the-token-at-all" },
    });
    expect(wrong.status()).toBe(401);
    expect(wrong.headers()["www-authenticate"]).toMatch(/^Bearer/);
    // A session is not enough either: metrics are the operator's, not the dashboard users'.
    const admin = await loginAs("admin");
    expect((await admin.get("/metrics")).status()).toBe(401);
    const metrics = await request.get("/metrics", { headers: bearer });
    expect(metrics.status()).toBe(200);
    expect(metrics.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    for (const name of [
      "trove_logs_http_request_duration_seconds_bucket",
      "trove_logs_publishes_running",
      "trove_logs_published_bytes_total",
      "trove_logs_downloaded_bytes_total",
      "process_resident_memory_bytes",
    ]) {
      expect(text).toContain(name);
    }
  });

  test("counters move with requests, by route pattern and never by raw path", async ({ request }) => {
    const demo = await loginAs("demo");
    const read = async () => (await request.get("/metrics", { headers: bearer })).text();
    const labels = { route: "/api/instances/[id]", method: "GET", status: "200" };
    const before = await read();
    for (let i = 0; i < 3; i += 1)
      expect((await demo.get(`/api/instances/${INSTANCES.mysql}`)).status()).toBe(200);
    const missing = await demo.get("/api/instances/00000000-0000-4000-8000-000000000000");
    expect(missing.status()).toBe(404);
    const after = await read();
    expect(sample(after, "trove_logs_http_requests_total", labels)).toBe(
      sample(before, "trove_logs_http_requests_total", labels) + 3,
    );
    expect(sample(after, "trove_logs_http_requests_total", { ...labels, status: "404" })).toBe(
      sample(before, "trove_logs_http_requests_total", { ...labels, status: "404" }) + 1,
    );
    expect(
      sample(after, "trove_logs_http_request_duration_seconds_count", { route: "/api/instances/[id]" }),
    ).toBeGreaterThanOrEqual(4);
    expect(after).not.toContain(INSTANCES.mysql);
    // A hostile path is one more "(unmatched)", not a series of its own.
    await request.get("/no/such/page-4f1c9e");
    expect(await read()).not.toContain("page-4f1c9e");
  });

  test("every answer carries an X-Request-Id; a sane one from the proxy is kept", async ({ request }) => {
    const demo = await loginAs("demo");
    const answers = [
      await request.get("/healthz"),
      await request.get("/api/instances"), // 401
      await demo.get("/api/instances"),
      await request.get("/login"),
      await request.get("/%zz"), // refused by the front door
    ];
    const ids = answers.map((answer) => answer.headers()["x-request-id"]);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);

    // Even a request Node's parser refuses (a method HTTP doesn't know) is answered with an id.
    const unparsed = await rawRequest(run.configured.url, { method: "TRACK", target: "/api/auth/config" });
    expect(unparsed.status).toBe(400);
    expect(unparsed.headers["x-request-id"]).toMatch(UUID);

    const kept = await demo.get("/api/instances", { headers: { "X-Request-Id": "haproxy-7f000001-0001" } });
    expect(kept.headers()["x-request-id"]).toBe("haproxy-7f000001-0001");
    const forged = await demo.get("/api/instances", { headers: { "X-Request-Id": 'x" level="error' } });
    expect(forged.headers()["x-request-id"]).toMatch(UUID);
  });
});
