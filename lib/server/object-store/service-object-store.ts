import "server-only";
import { join } from "node:path";
import type { Env } from "@/lib/env";
import type { KeystoneAccess } from "@/lib/server/auth/create-identity";
import { catalogUrl } from "@/lib/server/auth/keystone/keystone-catalog";
import { ConfigError } from "@/lib/server/config/service-config";
import { createLocalObjectStore } from "./local-store";
import type { ObjectStore } from "./object-store";
import { createTempAuth, createTokenAuth, type SwiftAuth } from "./swift-auth";
import { createSwiftObjectStore } from "./swift-store";

export interface ServiceObjectStore {
  store: ObjectStore;
  /** Where published logs go, for the start-up banner. */
  description: string;
  close(): Promise<void>;
}

function swiftAuth(settings: Env, keystone?: KeystoneAccess): SwiftAuth {
  const {
    TROVE_LOGS_SWIFT_AUTH_URL: authUrl,
    TROVE_LOGS_SWIFT_USER: user,
    TROVE_LOGS_SWIFT_KEY: key,
  } = settings;
  if (authUrl && user && key)
    return createTempAuth({ authUrl, user, key, timeoutMs: settings.TROVE_LOGS_SWIFT_TIMEOUT * 1000 });
  const service = keystone?.serviceToken;
  if (service)
    return createTokenAuth(
      () => service.get(),
      (token) => service.invalidate(token),
    );
  throw new ConfigError(
    "TROVE_LOGS_OBJECT_STORE=swift needs credentials that may write into every project's account: " +
      "TROVE_LOGS_SWIFT_AUTH_URL/_USER/_KEY (a tempauth reseller admin) or Keystone service credentials " +
      "(TROVE_LOGS_KEYSTONE_URL and TROVE_LOGS_SERVICE_USER/_PASSWORD/_PROJECT with the ResellerAdmin role).",
  );
}

/** The storage base (`…/v1`) from the setting, or from the service token's object-store endpoint. */
async function swiftStorageUrl(settings: Env, keystone?: KeystoneAccess): Promise<string> {
  if (settings.TROVE_LOGS_SWIFT_URL) return settings.TROVE_LOGS_SWIFT_URL;
  const token = keystone?.serviceToken ? await keystone.serviceToken.token() : undefined;
  const account = token && catalogUrl(token.catalog, { type: "object-store", projectId: token.project?.id });
  if (!account) {
    throw new ConfigError(
      "TROVE_LOGS_OBJECT_STORE=swift needs TROVE_LOGS_SWIFT_URL or an object-store endpoint in Keystone's catalog.",
    );
  }
  return account.replace(/\/[^/]+\/?$/, ""); // …/v1/AUTH_<project> → …/v1
}

/**
 * The store the embedded service publishes into: the local store (default) or Swift, where each
 * instance's logs land in its owner's account (`<reseller prefix><project id>`).
 */
export async function createServiceObjectStore(
  settings: Env,
  keystone?: KeystoneAccess,
): Promise<ServiceObjectStore> {
  if (settings.TROVE_LOGS_OBJECT_STORE === "local") {
    const dir = join(settings.TROVE_LOGS_DATA_DIR, "store");
    const store = createLocalObjectStore({ dir });
    // Expired objects are invisible at once; their bytes are reclaimed by a sweep now and then.
    const sweeper = setInterval(() => void store.sweep().catch(() => undefined), 3_600_000);
    sweeper.unref();
    return {
      store,
      description: `local store in ${dir}`,
      close: async () => {
        clearInterval(sweeper);
        await store.close();
      },
    };
  }
  const storageUrl = await swiftStorageUrl(settings, keystone);
  const store = createSwiftObjectStore({
    storageUrl,
    resellerPrefix: settings.TROVE_LOGS_SWIFT_RESELLER_PREFIX,
    auth: swiftAuth(settings, keystone),
    timeoutMs: settings.TROVE_LOGS_SWIFT_TIMEOUT * 1000,
  });
  return { store, description: `Swift at ${storageUrl}`, close: async () => store.close() };
}
