import "server-only";
import { HttpError } from "@/lib/server/http/errors";
import { isObjectStoreError, type ObjectStore } from "@/lib/server/object-store/object-store";
import { withErrorsMapped } from "@/lib/server/object-store/map-errors";
import { createTokenAuth } from "@/lib/server/object-store/swift-auth";
import { createSwiftObjectStore, type SwiftObjectStore } from "@/lib/server/object-store/swift-store";

const stores = new Map<string, { swift: SwiftObjectStore; store: ObjectStore }>();
const MAX_STORES = 100;

/**
 * What Swift's refusals mean when the token is the caller's own (unlike the service's store, whose
 * 401/403 are the deployment's problem): Swift checked the session's token with Keystone and did not
 * take it (401: the session is over, log in again), or took it and the project's roles give no
 * access to the container (403).
 */
function asCaller(error: unknown): unknown {
  if (!isObjectStoreError(error)) return error;
  if (error.status === 401) {
    return new HttpError(401, "unauthorized", "Swift did not accept your session's token: log in again.");
  }
  if (error.status === 403) {
    return new HttpError(
      403,
      "forbidden",
      "Swift does not let your project read this log's objects (its roles give no access to the container).",
    );
  }
  return error;
}

/**
 * A Swift store that reads with one user's token, for the catalog's account URL
 * (`…/v1/AUTH_<project>`): the account is the URL's last segment. Kept per URL and token so
 * keep-alive connections are reused across requests of the same session.
 */
export function userSwiftStore(accountUrl: string, token: string, timeoutMs: number) {
  const url = new URL(accountUrl.replace(/\/+$/, ""));
  const segments = url.pathname.split("/");
  const account = decodeURIComponent(segments.pop() ?? "");
  url.pathname = segments.join("/");
  const key = `${url.href}\n${token}`;
  let entry = stores.get(key);
  if (!entry) {
    if (stores.size >= MAX_STORES) {
      const oldest = stores.keys().next().value!;
      stores.get(oldest)?.swift.close(); // frees its keep-alive connections
      stores.delete(oldest);
    }
    const swift = createSwiftObjectStore({
      storageUrl: url.href,
      resellerPrefix: "",
      auth: createTokenAuth(async () => token),
      timeoutMs,
    });
    entry = { swift, store: withErrorsMapped<ObjectStore>(swift, asCaller) };
    stores.set(key, entry);
  }
  return { store: entry.store, account };
}
