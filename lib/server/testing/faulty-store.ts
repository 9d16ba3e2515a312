import "server-only";
import { ObjectStoreError, type ObjectStore } from "@/lib/server/object-store/object-store";

/**
 * The real store with an outage switch: after `failAfter` more successful puts, the next put
 * fails as an unreachable Swift would. Everything else passes straight through.
 */
export function withPutOutage(store: ObjectStore, failAfter: number, failCount = 1): ObjectStore {
  let remaining = failAfter;
  let failures = failCount;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === "putObject") {
        return (...args: Parameters<ObjectStore["putObject"]>) => {
          if (remaining === 0 && failures > 0) {
            failures -= 1;
            return Promise.reject(
              new ObjectStoreError(503, "simulated outage: the object store is unreachable"),
            );
          }
          remaining -= 1;
          return target.putObject(...args);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
