"use client";

import { FileText } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { Checkbox } from "@/components/ui/checkbox";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@/components/ui/table";
import type { Scope } from "@/lib/paths";
import type { LogDetails } from "@/lib/schemas/log-view";
import { LogRow } from "./log-row";
import { LOG_COLUMN_ORDER, LOG_COLUMNS } from "./log-table-columns";

export interface LogTableProps {
  scope: Scope;
  instanceId: string;
  /** Undefined while the first load runs. */
  logs: LogDetails[] | undefined;
  selected: ReadonlySet<string>;
  onSelectedChange: (selected: Set<string>) => void;
  bulkPublishing: ReadonlySet<string>;
}

const COLUMNS = LOG_COLUMN_ORDER.length;
const SKELETON: Record<string, string> = { select: "size-4", actions: "h-7 w-12 min-[1400px]:w-40" };

export function LogTable({
  scope,
  instanceId,
  logs,
  selected,
  onSelectedChange,
  bulkPublishing,
}: LogTableProps) {
  const names = logs?.map((log) => log.name) ?? [];
  const selectedCount = names.filter((name) => selected.has(name)).length;
  const toggle = (name: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(name);
    else next.delete(name);
    onSelectedChange(next);
  };

  return (
    <Table aria-busy={logs === undefined || undefined} className="table-fixed">
      <TableCaption>Logs of this instance</TableCaption>
      <TableHeader>
        <tr>
          <TableHead className={LOG_COLUMNS.select}>
            <Checkbox
              aria-label="Select all logs"
              disabled={names.length === 0}
              checked={names.length > 0 && selectedCount === names.length}
              indeterminate={selectedCount > 0 && selectedCount < names.length}
              onChange={(event) => onSelectedChange(new Set(event.target.checked ? names : []))}
            />
          </TableHead>
          <TableHead className={LOG_COLUMNS.name}>Name</TableHead>
          <TableHead className={LOG_COLUMNS.type}>Type</TableHead>
          <TableHead className={LOG_COLUMNS.status}>Status</TableHead>
          <TableHead className={LOG_COLUMNS.published}>Published</TableHead>
          <TableHead className={LOG_COLUMNS.pending}>Pending</TableHead>
          <TableHead className={LOG_COLUMNS.location}>Container/Prefix</TableHead>
          <TableHead className={LOG_COLUMNS.actions}>Actions</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {logs === undefined
          ? [0, 1, 2, 3].map((row) => (
              <tr key={row}>
                {LOG_COLUMN_ORDER.map((column) => (
                  <TableCell key={column} className={LOG_COLUMNS[column]}>
                    <Skeleton className={SKELETON[column] ?? "w-16"} />
                  </TableCell>
                ))}
              </tr>
            ))
          : null}
        {logs?.length === 0 ? (
          <tr>
            <td colSpan={COLUMNS}>
              <EmptyState icon={FileText} title="No logs to show">
                This instance&apos;s datastore defines no logs that you may see.
              </EmptyState>
            </td>
          </tr>
        ) : null}
        {logs?.map((log) => (
          <LogRow
            key={log.name}
            scope={scope}
            instanceId={instanceId}
            log={log}
            selected={selected.has(log.name)}
            onSelectedChange={(on) => toggle(log.name, on)}
            bulkPublishing={bulkPublishing.has(log.name)}
          />
        ))}
      </TableBody>
    </Table>
  );
}
