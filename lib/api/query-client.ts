import { isServer, MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isUnauthorized, redirectToLogin } from "./session-expiry";

function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthorized(error)) redirectToLogin();
      },
    }),
    // `meta.expectsUnauthorized`: a 401 is that call's own answer (a wrong password), not an expiry.
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (isUnauthorized(error) && mutation.meta?.expectsUnauthorized !== true) redirectToLogin();
      },
    }),
    defaultOptions: {
      queries: { staleTime: 10_000, retry: false, refetchOnWindowFocus: true },
    },
  });
}

let browserClient: QueryClient | undefined;

/** A fresh client per server render, one shared client in the browser. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
