import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { paths } from "@/lib/paths";
import {
  authConfigSchema,
  sessionViewSchema,
  type AuthConfig,
  type LoginBody,
  type SessionView,
} from "@/lib/schemas/auth";
import { apiFetch } from "./fetcher";

export const sessionKeys = { all: ["session"] as const };

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: async () => sessionViewSchema.parse(await apiFetch<SessionView>(paths.api.session)),
  });

export const useSession = () => useQuery(sessionQueryOptions());

/** Which identity signs people in: the login form shows Keystone's fields (domain, project) only then. */
export const useAuthConfig = () =>
  useQuery({
    queryKey: ["auth-config"] as const,
    queryFn: async () => authConfigSchema.parse(await apiFetch<AuthConfig>(paths.api.authConfig)),
    staleTime: Infinity,
  });

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: LoginBody) =>
      sessionViewSchema.parse(await apiFetch<SessionView>("/api/auth/login", { method: "POST", body })),
    // A wrong password answers 401: that is the form's business, not an expired session.
    meta: { expectsUnauthorized: true },
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.all, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ ok: true }>("/api/auth/logout", { method: "POST" }),
    meta: { expectsUnauthorized: true },
    onSuccess: () => queryClient.clear(),
  });
}

const notSession = (query: { queryKey: readonly unknown[] }) => query.queryKey[0] !== sessionKeys.all[0];

/**
 * Switches the session's project. What is cached belonged to the old project: unused queries are
 * dropped here, and the caller moves to a page of the new project (`resetProjectQueries` when it stays).
 */
export function useSwitchProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (project: string) =>
      sessionViewSchema.parse(
        await apiFetch<SessionView>(paths.api.sessionProject, { method: "POST", body: { project } }),
      ),
    onSuccess: async (session) => {
      await queryClient.cancelQueries({ predicate: notSession });
      queryClient.setQueryData(sessionKeys.all, session);
      queryClient.removeQueries({ predicate: notSession, type: "inactive" });
    },
  });
}

/** After a project switch: refetch what is on screen (reset) or forget it (when leaving the page). */
export function forgetProjectQueries(queryClient: QueryClient, { refetch }: { refetch: boolean }) {
  if (refetch) return queryClient.resetQueries({ predicate: notSession });
  queryClient.removeQueries({ predicate: notSession });
  return Promise.resolve();
}
