import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { paths, type Scope } from "@/lib/paths";
import { instanceSchema } from "@/lib/schemas/instance";
import { apiFetch } from "./fetcher";
import { instanceKeys, logKeys } from "./keys";

const instanceListSchema = z.object({ instances: z.array(instanceSchema) });
const instanceResponseSchema = z.object({ instance: instanceSchema });

export { instanceKeys };

export const instancesQueryOptions = (scope: Scope) =>
  queryOptions({
    queryKey: instanceKeys.list(scope),
    queryFn: async ({ signal }) =>
      instanceListSchema.parse(await apiFetch(paths.api.instances(scope), { signal })).instances,
  });

export const instanceQueryOptions = (scope: Scope, id: string) =>
  queryOptions({
    queryKey: instanceKeys.detail(scope, id),
    queryFn: async ({ signal }) =>
      instanceResponseSchema.parse(await apiFetch(paths.api.instance(scope, id), { signal })).instance,
    // A restart changes the status within seconds; an idle instance is checked now and then.
    refetchInterval: (query) => (query.state.data?.status === "ACTIVE" ? 30_000 : 3_000),
  });

/** Trove's instance restart: log toggles waiting for it (RESTART_REQUIRED) take effect. */
export function useRestartInstance(scope: Scope, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      instanceResponseSchema.parse(
        await apiFetch(paths.api.instanceAction(scope, id), { method: "POST", body: { restart: {} } }),
      ).instance,
    onSuccess: (instance) => {
      queryClient.setQueryData(instanceKeys.detail(scope, id), instance);
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: instanceKeys.all(scope) }),
        queryClient.invalidateQueries({ queryKey: logKeys.list(scope, id) }),
      ]),
  });
}
