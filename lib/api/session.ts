import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { sessionViewSchema, type LoginBody, type SessionView } from "@/lib/schemas/auth";
import { apiFetch } from "./fetcher";

export const sessionKeys = { all: ["session"] as const };

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: async () => sessionViewSchema.parse(await apiFetch<SessionView>("/api/auth/session")),
  });

export const useSession = () => useQuery(sessionQueryOptions());

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: LoginBody) =>
      sessionViewSchema.parse(await apiFetch<SessionView>("/api/auth/login", { method: "POST", body })),
    onSuccess: (session) => queryClient.setQueryData(sessionKeys.all, session),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ ok: true }>("/api/auth/logout", { method: "POST" }),
    onSuccess: () => queryClient.clear(),
  });
}
