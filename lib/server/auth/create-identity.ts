import "server-only";
import { join } from "node:path";
import type { Env } from "@/lib/env";
import type { BackoffPolicy } from "./failure-backoff";
import { HashLimiter } from "./hash-limiter";
import type { IdentityProvider } from "./identity-provider";
import { KeystoneClient } from "./keystone/keystone-client";
import { KeystoneIdentity } from "./keystone/keystone-identity";
import { ServiceTokenProvider } from "./keystone/service-token";
import { LocalIdentity } from "./local-identity";
import { LocalIdentityProvider } from "./local-identity-provider";
import { LoginThrottle } from "./login-throttle";
import type { SharedCache } from "@/lib/server/shared/shared-cache";
import { MemcachedSessionStore } from "./memcached-session-store";
import { ServerSessionStore } from "./server-session-store";
import type { SessionStore } from "./session-store";
import { ThrottledIdentity } from "./throttled-identity";

export interface KeystoneAccess {
  client: KeystoneClient;
  /** The app's own token (TROVE_LOGS_SERVICE_*), when configured. */
  serviceToken?: ServiceTokenProvider;
}

export interface Identity {
  identity: IdentityProvider;
  sessions: SessionStore;
  /** Set in Keystone mode, or whenever TROVE_LOGS_KEYSTONE_URL is (for backends that need Keystone). */
  keystone?: KeystoneAccess;
}

export interface IdentitySetup {
  env: Env;
  sessionSecret: string;
  projects: Array<{ id: string; name: string }>;
  announce(message: string): void;
  /** Set when replicas share memcached (TROVE_LOGS_MEMCACHED): sessions go there. */
  shared?: SharedCache;
}

function keystoneAccess(settings: Env): KeystoneAccess | undefined {
  if (!settings.TROVE_LOGS_KEYSTONE_URL) return undefined;
  const client = new KeystoneClient({
    url: settings.TROVE_LOGS_KEYSTONE_URL,
    timeoutMs: settings.TROVE_LOGS_KEYSTONE_TIMEOUT * 1000,
  });
  const { TROVE_LOGS_SERVICE_USER: user, TROVE_LOGS_SERVICE_PASSWORD: password } = settings;
  const project = settings.TROVE_LOGS_SERVICE_PROJECT;
  if (Boolean(user) !== Boolean(password) || (user && !project)) {
    throw new Error(
      "Invalid environment:\n  TROVE_LOGS_SERVICE_USER, TROVE_LOGS_SERVICE_PASSWORD and TROVE_LOGS_SERVICE_PROJECT go together",
    );
  }
  const serviceToken =
    user && password && project
      ? new ServiceTokenProvider(client, {
          user,
          password,
          project,
          userDomain: settings.TROVE_LOGS_KEYSTONE_USER_DOMAIN,
          projectDomain: settings.TROVE_LOGS_KEYSTONE_PROJECT_DOMAIN,
        })
      : undefined;
  return { client, serviceToken };
}

/** Hashes allowed to wait for a turn before sign-in is refused at once (503). */
const HASH_QUEUE = 16;

function loginThrottle(settings: Env): LoginThrottle {
  const policy = (freeAttempts: number): BackoffPolicy => ({
    freeAttempts,
    baseDelayMs: 1_000,
    maxDelayMs: settings.TROVE_LOGS_LOGIN_BACKOFF_MAX * 1000,
    // Long enough that waiting for the failures to be forgotten is no faster than the backoff.
    forgetAfterMs: Math.max(3_600_000, 4 * settings.TROVE_LOGS_LOGIN_BACKOFF_MAX * 1000),
    // A few MB at most, however many names or addresses an attacker cycles through.
    maxKeys: 10_000,
  });
  return new LoginThrottle({
    user: policy(settings.TROVE_LOGS_LOGIN_FAILURES_PER_USER),
    address: policy(settings.TROVE_LOGS_LOGIN_FAILURES_PER_ADDRESS),
  });
}

async function identityProvider(
  setup: IdentitySetup,
  keystone: KeystoneAccess | undefined,
): Promise<IdentityProvider> {
  const { env: settings } = setup;
  const sessionTtlMs = settings.TROVE_LOGS_SESSION_TTL * 1000;
  if (settings.TROVE_LOGS_IDENTITY === "keystone") {
    if (!keystone) {
      throw new Error(
        "Invalid environment:\n  TROVE_LOGS_KEYSTONE_URL: required when TROVE_LOGS_IDENTITY=keystone",
      );
    }
    return new KeystoneIdentity({
      client: keystone.client,
      serviceToken: keystone.serviceToken,
      userDomain: settings.TROVE_LOGS_KEYSTONE_USER_DOMAIN,
      projectDomain: settings.TROVE_LOGS_KEYSTONE_PROJECT_DOMAIN,
      sessionTtlMs,
      validationCacheMs: settings.TROVE_LOGS_KEYSTONE_VALIDATION_CACHE * 1000,
    });
  }
  const users = await LocalIdentity.open({
    dataDir: settings.TROVE_LOGS_DATA_DIR,
    projectIds: setup.projects.map((project) => project.id),
    passwords: { admin: settings.TROVE_LOGS_ADMIN_PASSWORD, demo: settings.TROVE_LOGS_DEMO_PASSWORD },
    announce: setup.announce,
    hashLimiter: new HashLimiter({
      concurrency: settings.TROVE_LOGS_PASSWORD_HASH_CONCURRENCY,
      queue: HASH_QUEUE,
    }),
  });
  const names = new Map(setup.projects.map((project) => [project.id, project.name]));
  return new LocalIdentityProvider({
    users,
    projectName: (id) => names.get(id) ?? id,
    sessionTtlMs,
  });
}

/**
 * The identity the environment asks for, its sign-in throttled, with the session store. Sessions are
 * kept on the server in both modes, so logout and a project switch end the old cookie for good.
 */
export async function createIdentity(setup: IdentitySetup): Promise<Identity> {
  const { env: settings } = setup;
  const keystone = keystoneAccess(settings);
  const identity = new ThrottledIdentity(await identityProvider(setup, keystone), loginThrottle(settings));
  return {
    identity,
    sessions: setup.shared
      ? new MemcachedSessionStore({
          cache: setup.shared,
          secret: setup.sessionSecret,
          ttlSeconds: settings.TROVE_LOGS_SESSION_TTL,
        })
      : new ServerSessionStore({
          dir: join(settings.TROVE_LOGS_DATA_DIR, "sessions"),
          secret: setup.sessionSecret,
          ttlSeconds: settings.TROVE_LOGS_SESSION_TTL,
        }),
    keystone,
  };
}
