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

/**
 * The real store where put number `failAt` (0-based) takes its place in upload order at once, then fails
 * after `delayMs`, while the puts after it go ahead: the window of a publish with uploads in flight.
 * With `deletesFail`, deletes fail too, as when the store goes away before strays can be removed (or the
 * process dies): what is left is what a crash leaves.
 */
export function withLateFailure(
  store: ObjectStore,
  failAt: number,
  { delayMs = 300, deletesFail = false } = {},
): ObjectStore {
  let puts = 0;
  const outage = () => new ObjectStoreError(503, "simulated outage: the object store is unreachable");
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === "putObject") {
        return async (...args: Parameters<ObjectStore["putObject"]>) => {
          if (puts++ !== failAt) return target.putObject(...args);
          args[4]?.onOrdered?.();
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          throw outage();
        };
      }
      if (property === "deleteObject" && deletesFail) return () => Promise.reject(outage());
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
