import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { paths, type Scope } from "@/lib/paths";
import { guestLogSchema } from "@/lib/schemas/log";
import { logDetailsListSchema, logDetailsSchema, type LogDetails } from "@/lib/schemas/log-view";
import { apiFetch } from "./fetcher";
import { isUnauthorized } from "./session-expiry";
import { instanceKeys, logKeys } from "./keys";

export { logKeys };

export type LogActionName = "publish" | "enable" | "disable" | "discard";

/** Quiet polling, and faster while a publish runs so its progress bar moves. */
export const LOGS_POLL_MS = 3_000;
export const LOGS_PUBLISHING_POLL_MS = 1_000;

export const logsQueryOptions = (scope: Scope, id: string) =>
  queryOptions({
    queryKey: logKeys.list(scope, id),
    queryFn: async ({ signal }) =>
      logDetailsListSchema.parse(await apiFetch(paths.api.logDetails(scope, id), { signal })).logs,
    staleTime: 1_000,
    refetchInterval: (query) =>
      query.state.data?.some((log) => log.publishing) ? LOGS_PUBLISHING_POLL_MS : LOGS_POLL_MS,
    // Hidden tab: no polling (refetchOnWindowFocus catches up when it is shown again).
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });

// Actions answer Trove's log, plus the dashboard's fields when the server has them.
const actionResponseSchema = z.object({
  log: guestLogSchema.extend(
    logDetailsSchema.pick({ exposed: true, publishing: true, publish_error: true }).partial().shape,
  ),
});
export type LogActionLog = z.infer<typeof actionResponseSchema>["log"];

export interface LogActionResult {
  log: LogActionLog;
  /** The publish still runs on the server: follow it in the list's `publishing`. */
  background: boolean;
}

export async function postLogAction(
  scope: Scope,
  id: string,
  name: string,
  action: LogActionName,
): Promise<LogActionResult> {
  const body = action === "publish" ? { name, publish: 1, background: true } : { name, [action]: 1 };
  const response = await apiFetch(paths.api.logs(scope, id), { method: "POST", body });
  const { log } = actionResponseSchema.parse(response);
  return { log, background: action === "publish" && Boolean(log.publishing) };
}

function mergeIntoList(previous: LogDetails[] | undefined, log: LogActionLog): LogDetails[] | undefined {
  return previous?.map((row) => (row.name === log.name ? { ...row, ...log } : row));
}

function useSettleLogs(scope: Scope, id: string) {
  const queryClient = useQueryClient();
  return {
    merge: (log: LogActionLog) =>
      queryClient.setQueryData(logsQueryOptions(scope, id).queryKey, (previous) =>
        mergeIntoList(previous, log),
      ),
    // Toggles can change the instance's status (RESTART_REQUIRED), so it is refreshed too.
    invalidate: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: logKeys.list(scope, id) }),
        queryClient.invalidateQueries({ queryKey: instanceKeys.detail(scope, id) }),
      ]),
  };
}

/** One row action (each row holds its own, so each button shows its own progress). */
export function useLogAction(scope: Scope, id: string) {
  const settle = useSettleLogs(scope, id);
  return useMutation({
    mutationFn: ({ name, action }: { name: string; action: LogActionName }) =>
      postLogAction(scope, id, name, action),
    onSuccess: ({ log }) => settle.merge(log),
    onSettled: settle.invalidate,
  });
}

export type PublishManyResult = { name: string } & (
  { ok: true; result: LogActionResult } | { ok: false; error: unknown }
);

/** "Publish selected": the publishes run side by side, and the list is refetched once at the end. */
export function usePublishLogs(scope: Scope, id: string) {
  const settle = useSettleLogs(scope, id);
  return useMutation({
    mutationFn: async (names: string[]): Promise<PublishManyResult[]> => {
      const results = await Promise.all(
        names.map((name) =>
          postLogAction(scope, id, name, "publish").then(
            (result) => ({ name, ok: true as const, result }),
            (error: unknown) => ({ name, ok: false as const, error }),
          ),
        ),
      );
      // An expired session fails the whole batch (and sends the user to the login page).
      const expired = results.find((entry) => !entry.ok && isUnauthorized(entry.error));
      if (expired && !expired.ok) throw expired.error;
      return results;
    },
    onSuccess: (results) => {
      for (const entry of results) if (entry.ok) settle.merge(entry.result.log);
    },
    onSettled: settle.invalidate,
  });
}
