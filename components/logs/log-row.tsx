"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { TableCell, TableRow } from "@/components/ui/table";
import { useLogAction, type LogActionName } from "@/lib/api/logs";
import type { Scope } from "@/lib/paths";
import type { LogDetails } from "@/lib/schemas/log-view";
import { HiddenLogMarker } from "./hidden-log-marker";
import { LogLocation } from "./log-location";
import { LogRowActions } from "./log-row-actions";
import { LogSize } from "./log-size";
import { LogStatusBadge } from "./log-status-badge";
import { LOG_COLUMNS } from "./log-table-columns";
import { toastActionError, toastActionResult } from "./log-toasts";
import { DatastoreErrorNote, PublishErrorNote, PublishProgress } from "./publish-progress";

export interface LogRowProps {
  scope: Scope;
  instanceId: string;
  log: LogDetails;
  selected: boolean;
  onSelectedChange: (selected: boolean) => void;
  /** "Publish selected" is sending this log. */
  bulkPublishing: boolean;
}

const TYPE_TITLE = {
  SYS: "System log: always on, cannot be disabled",
  USER: "User log: can be enabled and disabled",
};

export function LogRow({ scope, instanceId, log, selected, onSelectedChange, bulkPublishing }: LogRowProps) {
  const action = useLogAction(scope, instanceId);
  const pending = action.isPending ? action.variables?.action : bulkPublishing ? "publish" : undefined;

  const run = (name: LogActionName) => {
    const priorErrorAt = log.publish_error?.at ?? null;
    action.mutate(
      { name: log.name, action: name },
      {
        onSuccess: (result) => toastActionResult(scope, instanceId, log.name, name, result, priorErrorAt),
        onError: (error) => toastActionError(scope, instanceId, log.name, name, error),
      },
    );
  };

  return (
    <TableRow data-state={selected ? "selected" : undefined} data-log={log.name}>
      <TableCell className={LOG_COLUMNS.select}>
        <Checkbox
          aria-label={`Select ${log.name}`}
          checked={selected}
          onChange={(event) => onSelectedChange(event.target.checked)}
        />
      </TableCell>
      <TableCell className={LOG_COLUMNS.name}>
        <div className="flex flex-col items-start gap-1">
          <span className="font-medium break-all">{log.name}</span>
          {/* Members never receive hidden logs: any admin sees the marker, in either dashboard. */}
          {log.exposed ? null : <HiddenLogMarker />}
        </div>
      </TableCell>
      <TableCell className={LOG_COLUMNS.type}>
        <span className="font-mono text-xs" title={TYPE_TITLE[log.type]}>
          {log.type}
        </span>
      </TableCell>
      <TableCell className={LOG_COLUMNS.status}>
        <LogStatusBadge status={log.status} />
        {log.publishing ? <PublishProgress name={log.name} publishing={log.publishing} /> : null}
        {log.publish_error && !log.publishing ? <PublishErrorNote error={log.publish_error} /> : null}
        {log.datastore_error ? <DatastoreErrorNote error={log.datastore_error} /> : null}
      </TableCell>
      <TableCell className={LOG_COLUMNS.published}>
        <LogSize bytes={log.published} />
      </TableCell>
      <TableCell className={LOG_COLUMNS.pending}>
        <LogSize bytes={log.pending} />
      </TableCell>
      <TableCell className={LOG_COLUMNS.location}>
        <LogLocation log={log} />
      </TableCell>
      <TableCell className={LOG_COLUMNS.actions}>
        <LogRowActions scope={scope} instanceId={instanceId} log={log} pending={pending} run={run} />
      </TableCell>
    </TableRow>
  );
}
