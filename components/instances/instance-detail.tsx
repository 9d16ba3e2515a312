"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { ErrorState } from "@/components/common/error-state";
import { PageHeader } from "@/components/layout/page-header";
import { useDocumentTitle } from "@/components/layout/use-document-title";
import { LogsTab } from "@/components/logs/logs-tab";
import { buttonVariants } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api/fetcher";
import { instanceQueryOptions } from "@/lib/api/instances";
import { datastoreLabel } from "@/lib/instance-display";
import { paths, type Scope } from "@/lib/paths";
import { InstanceActionsMenu } from "./instance-actions-menu";
import { InstanceOverview } from "./instance-overview";
import { InstanceStatusBadge } from "./instance-status-badge";
import { InstanceTabs, panelId, tabId, type InstanceTab } from "./instance-tabs";

export interface InstanceDetailProps {
  scope: Scope;
  id: string;
  tab: InstanceTab;
}

/** An instance's page: header, then the Overview or Logs tab. */
export function InstanceDetail({ scope, id, tab }: InstanceDetailProps) {
  const instance = useQuery(instanceQueryOptions(scope, id));
  const data = instance.data;
  useDocumentTitle(data ? [tab === "logs" ? "Logs" : undefined, data.name].filter(Boolean) : null);
  const crumbs = [
    { label: scope === "admin" ? "Admin" : "Project" },
    { label: "Database" },
    { label: "Instances", href: paths.instances(scope) },
    { label: data?.name ?? id },
  ];

  if (instance.error && !data) {
    const missing = instance.error instanceof ApiError && instance.error.status === 404;
    return (
      <>
        <PageHeader crumbs={crumbs} title={missing ? "Instance not found" : "Instance"} />
        <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <ErrorState
            title={missing ? "There is no such instance in this project" : "Could not load the instance"}
            error={instance.error}
            onRetry={() => void instance.refetch()}
            retrying={instance.isFetching}
          />
          <p className="pb-8 text-center">
            <Link href={paths.instances(scope)} className={buttonVariants({ variant: "ghost" })}>
              <ArrowLeft aria-hidden />
              Back to the instances
            </Link>
          </p>
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={data ? data.name : <Skeleton className="h-7 w-48" />}
        meta={data ? <InstanceStatusBadge status={data.status} /> : null}
        description={data ? datastoreLabel(data.datastore) : <Skeleton className="mt-1 w-28" />}
        actions={data ? <InstanceActionsMenu scope={scope} instance={data} variant="page" /> : null}
      />
      <InstanceTabs scope={scope} id={id} current={tab} />
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)}>
        {tab === "logs" ? (
          <LogsTab scope={scope} id={id} instance={data} />
        ) : data ? (
          <InstanceOverview scope={scope} instance={data} />
        ) : (
          <Skeleton className="h-48 w-full" />
        )}
      </div>
    </>
  );
}
