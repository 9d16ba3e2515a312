import "server-only";
import { keystoneFetch } from "@/lib/server/auth/keystone/keystone-http";
import { catalogUrl } from "@/lib/server/auth/keystone/keystone-catalog";
import { isNotFound } from "@/lib/server/object-store/object-store";
import type { Runtime } from "@/lib/server/runtime";

/** One dependency's state: reached or not, and how long the check took. Nothing else (no address). */
export interface CheckResult {
  ok: boolean;
  latency_ms: number;
}

export interface Readiness {
  status: "ready" | "not_ready" | "stopping";
  checks: Record<string, CheckResult>;
}

/** A check longer than this counts as unreachable (a load balancer polls every few seconds). */
const CHECK_TIMEOUT_MS = 2_000;
/** Answers are reused this long, so a flood of /readyz costs Keystone and Swift one check per interval. */
const CACHE_MS = 1_500;

function withTimeout(check: Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), CHECK_TIMEOUT_MS);
  });
  return Promise.race([check, timeout]).finally(() => clearTimeout(timer));
}

/** Whether each check passed last time: a change is worth a line in the server log, a repeat is not. */
const lastOk = new Map<string, boolean>();

async function timed(name: string, check: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  const ok = await withTimeout(check()).then(
    () => true,
    (error: Error) => {
      // The reason (addresses included) is for the operator's log only, never the answer.
      if (lastOk.get(name) !== false)
        console.warn(`[trove-logs] readiness: ${name} failed: ${error.message}`);
      return false;
    },
  );
  if (ok && lastOk.get(name) === false) console.warn(`[trove-logs] readiness: ${name} answers again`);
  lastOk.set(name, ok);
  return { ok, latency_ms: Math.round((performance.now() - started) * 10) / 10 };
}

/** The checks that apply to this configuration: Keystone and Trove only when they are used. */
function checksFor(runtime: Runtime): Record<string, () => Promise<unknown>> {
  const checks: Record<string, () => Promise<unknown>> = {
    sessions: () => runtime.sessions.ping(),
    // Any answer from the store will do; a container nobody has is the cheapest question (404).
    object_store: () =>
      runtime.store.headContainer("trove-logs-readiness", runtime.config.containerName).catch((error) => {
        if (!isNotFound(error)) throw error;
      }),
  };
  const keystone = runtime.keystone;
  if (keystone) {
    // Keystone's version document: no token needed, and Keystone answers it without its database.
    checks.keystone = () =>
      keystoneFetch(keystone.client.url, "", { method: "GET" }, CHECK_TIMEOUT_MS).then((response) => {
        if (response.status >= 400) throw new Error(`HTTP ${response.status}`);
      });
  }
  const service = keystone?.serviceToken;
  if (runtime.env.TROVE_LOGS_BACKEND === "openstack" && service) {
    checks.trove = async () => {
      const token = await service.token();
      const url = catalogUrl(token.catalog, {
        type: "database",
        region: runtime.env.TROVE_LOGS_REGION,
        projectId: token.project?.id,
      });
      if (!url) throw new Error("no database endpoint in the catalog");
      // Without a token Trove's keystonemiddleware answers 401 at once: reachable and serving.
      const response = await fetch(url, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) }).catch(
        (error: Error) => {
          throw new Error(`${url}: ${(error.cause as Error | undefined)?.message ?? error.message}`);
        },
      );
      await response.body?.cancel();
      if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
    };
  }
  return checks;
}

/**
 * Whether this replica can serve: every dependency it uses answered. Checked at most once per
 * CACHE_MS however many ask; concurrent askers share one check.
 */
export function createReadiness(runtime: () => Promise<Runtime> | undefined) {
  let stopping = false;
  let cached: { at: number; result: Promise<Readiness> } | undefined;

  async function check(): Promise<Readiness> {
    const current = await runtime();
    if (!current) return { status: "not_ready", checks: {} };
    const entries = Object.entries(checksFor(current));
    const results = await Promise.all(
      entries.map(async ([name, run]) => [name, await timed(name, run)] as const),
    );
    const checks = Object.fromEntries(results);
    return { status: results.every(([, result]) => result.ok) ? "ready" : "not_ready", checks };
  }

  return {
    /** A stop has begun: the load balancer should send nothing new here. */
    stopping(): void {
      stopping = true;
    },
    async read(): Promise<Readiness> {
      if (stopping) return { status: "stopping", checks: {} };
      const now = Date.now();
      if (!cached || now - cached.at >= CACHE_MS) cached = { at: now, result: check() };
      return cached.result;
    },
  };
}
