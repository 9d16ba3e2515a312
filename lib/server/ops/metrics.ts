import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Where an outbound call went: the OpenStack services behind the dashboard. */
export type Upstream = "keystone" | "swift" | "trove";

function createMetrics() {
  const registry = new Registry();
  // Process figures (resident memory, CPU, event-loop lag, heap): memory per replica comes from here.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    // Labelled by route pattern (`/api/instances/[id]/log/[name]/tail`), never the raw path: the
    // number of series stays bounded whatever clients send.
    requests: new Counter({
      name: "trove_logs_http_requests_total",
      help: "HTTP requests answered, by route pattern, method and status",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
    requestSeconds: new Histogram({
      name: "trove_logs_http_request_duration_seconds",
      help: "Time from a request's arrival to its answer's last byte, by route pattern and method",
      labelNames: ["route", "method"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
      registers,
    }),
    downloadedBytes: new Counter({
      name: "trove_logs_downloaded_bytes_total",
      help: "Bytes of published logs sent by the download routes",
      registers,
    }),
    publishedBytes: new Counter({
      name: "trove_logs_published_bytes_total",
      help: "Bytes of logs stored into the object store by the embedded service's publishes",
      registers,
    }),
    publishesRunning: new Gauge({
      name: "trove_logs_publishes_running",
      help: "Publishes of the embedded service running now (background ones included)",
      registers,
    }),
    upstreamSeconds: new Histogram({
      name: "trove_logs_upstream_request_duration_seconds",
      help: "Calls to Keystone, Swift and Trove until their answer's headers, by service and method",
      labelNames: ["service", "method"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    upstreamErrors: new Counter({
      name: "trove_logs_upstream_errors_total",
      help: "Calls to Keystone, Swift and Trove that failed: timeout, unreachable or a 5xx answer",
      labelNames: ["service", "kind"] as const,
      registers,
    }),
    loginThrottled: new Counter({
      name: "trove_logs_login_throttled_total",
      help: "Sign-ins refused (429) after repeated failures, by what was throttled: user name or address",
      labelNames: ["scope"] as const,
      registers,
    }),
    searchRefused: new Counter({
      name: "trove_logs_search_refused_total",
      help: "Searches refused (429): the user's own limit, or the queue was full",
      labelNames: ["reason"] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// Next bundles lib/server once per entry point and the front door is a bundle of its own: one set of
// metrics per process, shared through globalThis.
const KEY = Symbol.for("trove-logs.metrics");
const holder = globalThis as typeof globalThis & { [KEY]?: Metrics };

export function metrics(): Metrics {
  return (holder[KEY] ??= createMetrics());
}

/**
 * Times one call to an OpenStack service: `settle` is called with the answer's status, or with the
 * failure (`timeout` or `unreachable`) when there was none.
 */
export function timeUpstream(service: Upstream, method: string) {
  const stop = metrics().upstreamSeconds.startTimer({ service, method });
  return (outcome: number | "timeout" | "unreachable") => {
    stop();
    if (typeof outcome === "number" && outcome < 500) return;
    metrics().upstreamErrors.inc({ service, kind: typeof outcome === "number" ? "5xx" : outcome });
  };
}
