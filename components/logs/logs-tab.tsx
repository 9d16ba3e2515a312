"use client";

import { useQuery } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ErrorState } from "@/components/common/error-state";
import { FaultNotice } from "@/components/instances/fault-notice";
import { RestartNotice } from "@/components/instances/restart-notice";
import { LOGS_POLL_MS, LOGS_PUBLISHING_POLL_MS, logsQueryOptions, usePublishLogs } from "@/lib/api/logs";
import { bulkPublishAction } from "@/lib/log-actions";
import type { Scope } from "@/lib/paths";
import type { Instance } from "@/lib/schemas/instance";
import { LogTable } from "./log-table";
import { toastActionError, toastActionResult } from "./log-toasts";
import { LogsToolbar } from "./logs-toolbar";
import { useOwnAccountPublishGuard } from "./own-account-publish";
import { usePublishOutcomes } from "./use-publish-outcomes";

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** The instance's Logs tab: the polled log table, its row actions and "Publish selected". */
export function LogsTab({
  scope,
  id,
  instance,
}: {
  scope: Scope;
  id: string;
  instance: Instance | undefined;
}) {
  const logs = useQuery(logsQueryOptions(scope, id));
  const publishMany = usePublishLogs(scope, id);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  usePublishOutcomes(scope, id, logs.data);

  const chosen = logs.data?.filter((log) => selected.has(log.name)) ?? [];
  const bulk = bulkPublishAction(chosen);
  const bulkPublishing = new Set(publishMany.isPending ? publishMany.variables : []);
  const anyPublishing = logs.data?.some((log) => log.publishing) ?? false;
  const ownAccount = useOwnAccountPublishGuard(chosen.some((log) => log.copy_account === "yours"));

  const publishSelected = () => {
    const priorErrors = new Map(chosen.map((log) => [log.name, log.publish_error?.at ?? null]));
    publishMany.mutate(
      chosen.map((log) => log.name),
      {
        onSuccess: (results) => {
          for (const entry of results) {
            if (entry.ok) {
              const prior = priorErrors.get(entry.name) ?? null;
              toastActionResult(scope, id, entry.name, "publish", entry.result, prior);
            } else toastActionError(scope, id, entry.name, "publish", asError(entry.error));
          }
          setSelected(new Set());
        },
        onError: (error) =>
          toast.error("Could not publish the selected logs", { description: error.message }),
      },
    );
  };

  return (
    <>
      {ownAccount.dialog}
      {instance ? <FaultNotice instance={instance} /> : null}
      {instance ? <RestartNotice scope={scope} instance={instance} /> : null}
      <p className="mb-3 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        <strong className="font-medium text-zinc-800 dark:text-zinc-200">Publish</strong> copies the lines a
        log has gained to the object store;{" "}
        <strong className="font-medium text-zinc-800 dark:text-zinc-200">View</strong> and{" "}
        <strong className="font-medium text-zinc-800 dark:text-zinc-200">Download</strong> read that published
        copy. Select a status to see what it means.
      </p>
      <LogsToolbar
        selectedCount={chosen.length}
        publishLabel={bulk.label}
        enables={bulk.enables}
        publishing={publishMany.isPending}
        onPublishSelected={() => ownAccount.guard(publishSelected)}
        updatedAt={logs.dataUpdatedAt}
        fetching={logs.isFetching}
        intervalSeconds={(anyPublishing ? LOGS_PUBLISHING_POLL_MS : LOGS_POLL_MS) / 1000}
      />
      {logs.error && logs.data ? (
        <p
          role="status"
          className="mb-3 flex items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
        >
          <TriangleAlert aria-hidden className="size-4 shrink-0" />
          Could not refresh the logs: {logs.error.message} Showing the last known state; retrying.
        </p>
      ) : null}
      {logs.error && !logs.data ? (
        <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <ErrorState
            title="Could not load the logs"
            error={logs.error}
            onRetry={() => void logs.refetch()}
            retrying={logs.isFetching}
          />
        </div>
      ) : (
        <LogTable
          scope={scope}
          instanceId={id}
          logs={logs.data}
          selected={selected}
          onSelectedChange={setSelected}
          bulkPublishing={bulkPublishing}
        />
      )}
    </>
  );
}
