"use client";

import { useQuery } from "@tanstack/react-query";
import { PageHeader } from "@/components/layout/page-header";
import { useDocumentTitle } from "@/components/layout/use-document-title";
import { HiddenLogMarker } from "@/components/logs/hidden-log-marker";
import { LogSize } from "@/components/logs/log-size";
import { LogStatusBadge } from "@/components/logs/log-status-badge";
import { PublishErrorNote, PublishProgress } from "@/components/logs/publish-progress";
import { instanceQueryOptions } from "@/lib/api/instances";
import type { LogRef } from "@/lib/api/log-viewer";
import { paths } from "@/lib/paths";
import type { LogDetails } from "@/lib/schemas/log-view";

export interface LogViewerHeaderProps {
  log: LogRef;
  details: LogDetails | undefined;
  totalLines: number | null;
}

/** Breadcrumbs back to the instance's Logs tab, the log's name, status and sizes. */
export function LogViewerHeader({ log, details, totalLines }: LogViewerHeaderProps) {
  const instance = useQuery(instanceQueryOptions(log.scope, log.id));
  useDocumentTitle([log.name, instance.data?.name]);
  const crumbs = [
    { label: log.scope === "admin" ? "Admin" : "Project" },
    { label: "Database" },
    { label: "Instances", href: paths.instances(log.scope) },
    { label: instance.data?.name ?? log.id, href: paths.instance(log.scope, log.id) },
    { label: "Logs", href: paths.instance(log.scope, log.id, "logs") },
  ];
  const meta = details ? (
    <>
      <LogStatusBadge status={details.status} />
      {details.exposed ? null : <HiddenLogMarker />}
    </>
  ) : null;
  const description = details ? (
    <div className="flex flex-wrap items-start gap-x-4 gap-y-1">
      <span>
        {details.type} log · Published <LogSize bytes={details.published} />
        {totalLines !== null ? ` · ${totalLines.toLocaleString("en-US")} lines` : ""} · Pending{" "}
        <LogSize bytes={details.pending} />
      </span>
      {details.publishing ? <PublishProgress name={details.name} publishing={details.publishing} /> : null}
      {details.publish_error ? <PublishErrorNote error={details.publish_error} /> : null}
    </div>
  ) : null;
  return <PageHeader crumbs={crumbs} title={`${log.name} log`} meta={meta} description={description} />;
}
