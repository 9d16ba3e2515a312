import "server-only";
import { createTokenAuth } from "@/lib/server/object-store/swift-auth";
import { createSwiftObjectStore, type SwiftObjectStore } from "@/lib/server/object-store/swift-store";

const stores = new Map<string, SwiftObjectStore>();
const MAX_STORES = 100;

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
  let store = stores.get(key);
  if (!store) {
    if (stores.size >= MAX_STORES) {
      const oldest = stores.keys().next().value!;
      stores.get(oldest)?.close(); // frees its keep-alive connections
      stores.delete(oldest);
    }
    store = createSwiftObjectStore({
      storageUrl: url.href,
      resellerPrefix: "",
      auth: createTokenAuth(async () => token),
      timeoutMs,
    });
    stores.set(key, store);
  }
  return { store, account };
}
