import "server-only";
import { join } from "node:path";
import type { Env } from "@/lib/env";
import type { IdentityProvider } from "./identity-provider";
import { KeystoneClient } from "./keystone/keystone-client";
import { KeystoneIdentity } from "./keystone/keystone-identity";
import { ServiceTokenProvider } from "./keystone/service-token";
import { LocalIdentity } from "./local-identity";
import { LocalIdentityProvider } from "./local-identity-provider";
import { ServerSessionStore } from "./server-session-store";
import { CookieSessionStore, type SessionStore } from "./session-store";

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

/** The identity the environment asks for, with its session store. */
export async function createIdentity(setup: IdentitySetup): Promise<Identity> {
  const { env: settings } = setup;
  const ttlSeconds = settings.TROVE_LOGS_SESSION_TTL;
  const keystone = keystoneAccess(settings);
  if (settings.TROVE_LOGS_IDENTITY === "keystone") {
    if (!keystone) {
      throw new Error(
        "Invalid environment:\n  TROVE_LOGS_KEYSTONE_URL: required when TROVE_LOGS_IDENTITY=keystone",
      );
    }
    return {
      identity: new KeystoneIdentity({
        client: keystone.client,
        serviceToken: keystone.serviceToken,
        userDomain: settings.TROVE_LOGS_KEYSTONE_USER_DOMAIN,
        projectDomain: settings.TROVE_LOGS_KEYSTONE_PROJECT_DOMAIN,
        sessionTtlMs: ttlSeconds * 1000,
        validationCacheMs: settings.TROVE_LOGS_KEYSTONE_VALIDATION_CACHE * 1000,
      }),
      sessions: new ServerSessionStore({
        dir: join(settings.TROVE_LOGS_DATA_DIR, "sessions"),
        secret: setup.sessionSecret,
        ttlSeconds,
      }),
      keystone,
    };
  }
  const users = await LocalIdentity.open({
    dataDir: settings.TROVE_LOGS_DATA_DIR,
    projectIds: setup.projects.map((project) => project.id),
    passwords: { admin: settings.TROVE_LOGS_ADMIN_PASSWORD, demo: settings.TROVE_LOGS_DEMO_PASSWORD },
    announce: setup.announce,
  });
  const names = new Map(setup.projects.map((project) => [project.id, project.name]));
  return {
    identity: new LocalIdentityProvider({
      users,
      projectName: (id) => names.get(id) ?? id,
      sessionTtlMs: ttlSeconds * 1000,
    }),
    sessions: new CookieSessionStore(setup.sessionSecret, ttlSeconds),
    keystone,
  };
}
