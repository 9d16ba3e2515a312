import "server-only";
import { join } from "node:path";
import { env, type Env } from "@/lib/env";
import { createIdentity, type KeystoneAccess } from "@/lib/server/auth/create-identity";
import type { IdentityProvider } from "@/lib/server/auth/identity-provider";
import type { SessionStore } from "@/lib/server/auth/session-store";
import { loadSessionSecret } from "@/lib/server/auth/session-secret";
import { createEmbeddedBackend } from "@/lib/server/backend/embedded-backend";
import type { LogBackend } from "@/lib/server/backend/log-backend";
import { PublishJobs } from "@/lib/server/backend/publish-jobs";
import { ConfigError, loadServiceConfig, type ServiceConfig } from "@/lib/server/config/service-config";
import { startWritersForDemo } from "@/lib/server/demo/start-demo";
import { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import { describeError } from "@/lib/server/http/errors";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { createServiceObjectStore } from "@/lib/server/object-store/service-object-store";
import { ensurePrivateDir } from "@/lib/server/private-paths";
import { choosePublishLease } from "@/lib/server/shared/choose-lease";
import { SharedCache } from "@/lib/server/shared/shared-cache";
import { createOpenstackBackend } from "@/lib/server/backend/openstack-backend";

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
  /** Where the embedded service publishes ("local store in …" or "Swift at …"). */
  objectStore: string;
  /** What keeps one publish of a log at a time among replicas (TROVE_LOGS_PUBLISH_LEASE), for the banner. */
  publishLease: string;
  /** That store itself (readiness checks reach it). */
  store: ObjectStore;
  /** Keystone's client and the service token, when TROVE_LOGS_KEYSTONE_URL is set. */
  keystone?: KeystoneAccess;
  stop(): Promise<void>;
}

async function createRuntime(): Promise<Runtime> {
  const settings = env();
  // 0700, and tightened if an older version left it open: nothing below is for other users.
  ensurePrivateDir(settings.TROVE_LOGS_DATA_DIR);
  const config = loadServiceConfig({
    configFile: settings.TROVE_LOGS_CONFIG,
    dataDir: settings.TROVE_LOGS_DATA_DIR,
  });
  const shared = settings.TROVE_LOGS_MEMCACHED
    ? new SharedCache({ servers: settings.TROVE_LOGS_MEMCACHED })
    : undefined;
  const { identity, sessions, keystone } = await createIdentity({
    shared,
    env: settings,
    sessionSecret: loadSessionSecret(settings.TROVE_LOGS_DATA_DIR, settings.TROVE_LOGS_SESSION_SECRET),
    projects: config.projects,
    announce: (message) => console.log(`[trove-logs] ${message}`),
  });
  const openstack = settings.TROVE_LOGS_BACKEND === "openstack";
  if (openstack && settings.TROVE_LOGS_IDENTITY !== "keystone") {
    throw new ConfigError(
      "TROVE_LOGS_BACKEND=openstack needs Keystone sign-in: set TROVE_LOGS_IDENTITY=keystone.",
    );
  }
  const objects = await createServiceObjectStore(settings, keystone);
  const store = objects.store;
  const publishLease = choosePublishLease(settings, { shared, store });
  const lease = publishLease.lease;
  const engine = new GuestLogEngine({
    store,
    // Replicas write into the same accounts: one publish of a log at a time among all of them, and
    // what another published is re-read.
    ...(lease && { sharedStore: true, lease }),
    instances: config.instances,
    settingsFile: join(settings.TROVE_LOGS_DATA_DIR, "state", "log-settings.json"),
    recordsFile: join(settings.TROVE_LOGS_DATA_DIR, "state", "instances.json"),
    containerName: config.containerName,
    limit: config.limit,
    expiry: config.expiry,
    exposedLogs: config.exposedLogs,
  });
  const writers =
    !openstack && config.mode === "demo" && settings.TROVE_LOGS_DEMO_WRITERS
      ? await startWritersForDemo(config.instances, (instanceId, logName) =>
          engine.isLogging(instanceId, logName),
        )
      : undefined;
  // Enabling a demo log writes its first line at once, so "Enable & publish" has something to publish.
  if (writers) engine.onLoggingStarted((instanceId, logName) => writers.loggingStarted(instanceId, logName));
  return {
    env: settings,
    config,
    backend: openstack
      ? createOpenstackBackend({
          timeoutMs: settings.TROVE_LOGS_TROVE_TIMEOUT * 1000,
          swiftTimeoutMs: settings.TROVE_LOGS_SWIFT_TIMEOUT * 1000,
          exposedLogs: config.exposedLogs,
          region: settings.TROVE_LOGS_REGION,
        })
      : createEmbeddedBackend(engine, config.exposedLogs, { limit: config.limit }),
    objectStore: objects.description,
    publishLease: publishLease.description,
    store,
    publishJobs: new PublishJobs(describeError, shared),
    engine,
    identity,
    sessions,
    keystone,
    stop: async () => {
      sessions.close();
      await writers?.stop();
      await engine.close();
      await objects.close();
      shared?.close();
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
