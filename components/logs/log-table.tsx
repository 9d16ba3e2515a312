"use client";

import { FileText } from "lucide-react";
import { EmptyState } from "@/components/common/empty-state";
import { Checkbox } from "@/components/ui/checkbox";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@/components/ui/table";
import type { Scope } from "@/lib/paths";
import type { LogDetails } from "@/lib/schemas/log-view";
import { LogRow } from "./log-row";

export interface LogTableProps {
  scope: Scope;
  instanceId: string;
  /** Undefined while the first load runs. */
  logs: LogDetails[] | undefined;
  selected: ReadonlySet<string>;
  onSelectedChange: (selected: Set<string>) => void;
  bulkPublishing: ReadonlySet<string>;
}

const COLUMNS = 8;

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
    <Table aria-busy={logs === undefined || undefined}>
      <TableCaption>Logs of this instance</TableCaption>
      <TableHeader>
        <tr>
          <TableHead className="w-10">
            <Checkbox
              aria-label="Select all logs"
              disabled={names.length === 0}
              checked={names.length > 0 && selectedCount === names.length}
              indeterminate={selectedCount > 0 && selectedCount < names.length}
              onChange={(event) => onSelectedChange(new Set(event.target.checked ? names : []))}
            />
          </TableHead>
          <TableHead>Name</TableHead>
          <TableHead>Type</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Published</TableHead>
          <TableHead className="text-right">Pending</TableHead>
          <TableHead>Container/Prefix</TableHead>
          <TableHead>Actions</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {logs === undefined
          ? [0, 1, 2, 3].map((row) => (
              <tr key={row}>
                {Array.from({ length: COLUMNS }, (_, cell) => (
                  <TableCell key={cell}>
                    <Skeleton
                      className={cell === 0 ? "size-4" : cell === COLUMNS - 1 ? "h-7 w-40" : "w-16"}
                    />
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
