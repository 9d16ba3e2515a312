"use client";

import { useQuery } from "@tanstack/react-query";
import { Database, SearchX } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorState } from "@/components/common/error-state";
import { focusRing } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { instancesQueryOptions } from "@/lib/api/instances";
import { useSession } from "@/lib/api/session";
import { datastoreLabel } from "@/lib/instance-display";
import { displayingCount, filterInstances } from "@/lib/instance-filter";
import { paths, type Scope } from "@/lib/paths";
import { cn } from "@/lib/utils";
import { InstanceActionsMenu } from "./instance-actions-menu";
import { InstanceFilterBox } from "./instance-filter-box";
import { InstanceStatusBadge } from "./instance-status-badge";

export function InstanceTable({ scope }: { scope: Scope }) {
  const instances = useQuery(instancesQueryOptions(scope));
  const session = useSession();
  const [filter, setFilter] = useState("");
  const showProject = scope === "admin";
  const columns = showProject ? 5 : 4;
  const shown = instances.data ? filterInstances(instances.data, filter) : undefined;
  const projectName = (id: string) => session.data?.projects.find((project) => project.id === id)?.name ?? id;

  if (instances.error && !instances.data) {
    return (
      <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <ErrorState
          title="Could not load the instances"
          error={instances.error}
          onRetry={() => void instances.refetch()}
          retrying={instances.isFetching}
        />
      </div>
    );
  }

  return (
    <>
      <InstanceFilterBox
        value={filter}
        onChange={setFilter}
        countLabel={shown ? displayingCount(shown.length) : "Loading…"}
      />
      <Table aria-busy={instances.isPending || undefined}>
        <TableCaption>Database instances{showProject ? " of every project" : ""}</TableCaption>
        <TableHeader>
          <tr>
            <TableHead>Name</TableHead>
            <TableHead>Datastore</TableHead>
            <TableHead>Status</TableHead>
            {showProject ? <TableHead>Project</TableHead> : null}
            <TableHead className="w-28">
              <span className="sr-only">Actions</span>
            </TableHead>
          </tr>
        </TableHeader>
        <TableBody>
          {instances.isPending
            ? [0, 1, 2].map((row) => (
                <tr key={row}>
                  {Array.from({ length: columns }, (_, cell) => (
                    <TableCell key={cell}>
                      <Skeleton className={cell === 0 ? "w-40" : "w-24"} />
                    </TableCell>
                  ))}
                </tr>
              ))
            : null}
          {instances.data?.length === 0 ? (
            <tr>
              <td colSpan={columns}>
                <EmptyState icon={Database} title="No database instances">
                  {showProject
                    ? "No project has a database instance yet."
                    : `Project ${session.data?.project.name ?? ""} has no database instances. Instances created in Trove appear here.`}
                </EmptyState>
              </td>
            </tr>
          ) : null}
          {instances.data?.length && shown?.length === 0 ? (
            <tr>
              <td colSpan={columns}>
                <EmptyState icon={SearchX} title="No instance matches the filter">
                  Nothing in name, ID, datastore or status contains &ldquo;{filter.trim()}&rdquo;.{" "}
                  <button
                    type="button"
                    onClick={() => setFilter("")}
                    className={cn("rounded text-sky-700 underline dark:text-sky-400", focusRing)}
                  >
                    Clear the filter
                  </button>
                </EmptyState>
              </td>
            </tr>
          ) : null}
          {shown?.map((instance) => (
            // The name's link stretches over the row, so a click anywhere on the row opens the instance.
            <TableRow key={instance.id} className="relative cursor-pointer">
              <TableCell>
                <Link
                  href={paths.instance(scope, instance.id)}
                  className={cn(
                    "rounded font-medium text-sky-700 after:absolute after:inset-0 hover:underline dark:text-sky-400",
                    focusRing,
                  )}
                >
                  {instance.name}
                </Link>
              </TableCell>
              <TableCell>{datastoreLabel(instance.datastore)}</TableCell>
              <TableCell>
                <InstanceStatusBadge status={instance.status} />
              </TableCell>
              {showProject ? <TableCell>{projectName(instance.project_id)}</TableCell> : null}
              <TableCell className="text-right">
                <InstanceActionsMenu scope={scope} instance={instance} variant="row" />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
