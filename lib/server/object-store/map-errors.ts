import "server-only";

/**
 * The object with every method's errors passed through `map` (thrown or rejected alike): a store
 * whose failures read differently to its callers, without touching each method. Streams the
 * methods hand out are not wrapped.
 */
export function withErrorsMapped<T extends object>(target: T, map: (error: unknown) => unknown): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(object, args);
          return result instanceof Promise
            ? result.catch((error: unknown) => Promise.reject(map(error)))
            : result;
        } catch (error) {
          throw map(error);
        }
      };
    },
  });
}
