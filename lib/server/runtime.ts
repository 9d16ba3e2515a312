import "server-only";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { env, type Env } from "@/lib/env";
import { createIdentity, type KeystoneAccess } from "@/lib/server/auth/create-identity";
import type { IdentityProvider } from "@/lib/server/auth/identity-provider";
import type { SessionStore } from "@/lib/server/auth/session-store";
import { loadSessionSecret } from "@/lib/server/auth/session-secret";
import { createEmbeddedBackend } from "@/lib/server/backend/embedded-backend";
import type { LogBackend } from "@/lib/server/backend/log-backend";
import { PublishJobs } from "@/lib/server/backend/publish-jobs";
import { loadServiceConfig, type ServiceConfig } from "@/lib/server/config/service-config";
import { startWritersForDemo } from "@/lib/server/demo/start-demo";
import { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import { createLocalObjectStore } from "@/lib/server/object-store/local-store";

export interface Runtime {
  env: Env;
  config: ServiceConfig;
  backend: LogBackend;
  engine: GuestLogEngine;
  publishJobs: PublishJobs;
  /** Who signs in: the local users or Keystone (TROVE_LOGS_IDENTITY). */
  identity: IdentityProvider;
  /** Sessions behind the cookie: sealed in it (local) or kept on the server (Keystone). */
  sessions: SessionStore;
  /** Keystone's client and the service token, when TROVE_LOGS_KEYSTONE_URL is set. */
  keystone?: KeystoneAccess;
  stop(): Promise<void>;
}

async function createRuntime(): Promise<Runtime> {
  const settings = env();
  mkdirSync(settings.TROVE_LOGS_DATA_DIR, { recursive: true });
  const config = loadServiceConfig({
    configFile: settings.TROVE_LOGS_CONFIG,
    dataDir: settings.TROVE_LOGS_DATA_DIR,
  });
  const store = createLocalObjectStore({ dir: join(settings.TROVE_LOGS_DATA_DIR, "store") });
  // Expired objects are invisible at once; their bytes are reclaimed by a sweep now and then.
  const sweeper = setInterval(() => void store.sweep().catch(() => undefined), 3_600_000);
  sweeper.unref();
  const engine = new GuestLogEngine({
    store,
    instances: config.instances,
    settingsFile: join(settings.TROVE_LOGS_DATA_DIR, "state", "log-settings.json"),
    containerName: config.containerName,
    limit: config.limit,
    expiry: config.expiry,
    exposedLogs: config.exposedLogs,
  });
  const { identity, sessions, keystone } = await createIdentity({
    env: settings,
    sessionSecret: loadSessionSecret(settings.TROVE_LOGS_DATA_DIR, settings.TROVE_LOGS_SESSION_SECRET),
    projects: config.projects,
    announce: (message) => console.log(`[trove-logs] ${message}`),
  });
  const writers =
    config.mode === "demo" && settings.TROVE_LOGS_DEMO_WRITERS
      ? await startWritersForDemo(config.instances, (instanceId, logName) =>
          engine.isLogging(instanceId, logName),
        )
      : undefined;
  return {
    env: settings,
    config,
    backend: createEmbeddedBackend(engine, config.exposedLogs),
    publishJobs: new PublishJobs(),
    engine,
    identity,
    sessions,
    keystone,
    stop: async () => {
      sessions.close();
      clearInterval(sweeper);
      await writers?.stop();
      await engine.close();
      await store.close();
    },
  };
}

// Next bundles route handlers and instrumentation separately; one process-wide runtime is shared
// through globalThis so every entry point sees the same engine, store and locks.
const holder = globalThis as typeof globalThis & { __troveLogsRuntime?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  holder.__troveLogsRuntime ??= createRuntime().catch((error: unknown) => {
    holder.__troveLogsRuntime = undefined;
    throw error;
  });
  return holder.__troveLogsRuntime;
}
