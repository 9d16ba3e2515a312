"use client";

import type { ReactNode } from "react";
import { useSession } from "@/lib/api/session";
import { datastoreLabel, formatUtcTime } from "@/lib/instance-display";
import type { Scope } from "@/lib/paths";
import type { Instance } from "@/lib/schemas/instance";
import { FaultNotice } from "./fault-notice";
import { InstanceStatusBadge } from "./instance-status-badge";
import { RestartNotice } from "./restart-notice";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-3 px-4 py-2.5 sm:grid-cols-[10rem_1fr]">
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

const Time = ({ iso }: { iso: string }) => <time dateTime={iso}>{formatUtcTime(iso)}</time>;

/** Horizon's Overview: what Trove shows of the instance; flavor and volume only when the backend knows them. */
export function InstanceOverview({ scope, instance }: { scope: Scope; instance: Instance }) {
  const session = useSession();
  const project = session.data?.projects.find((entry) => entry.id === instance.project_id);
  return (
    <>
      <FaultNotice instance={instance} />
      <RestartNotice scope={scope} instance={instance} />
      <dl
        aria-label="Overview"
        className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white text-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <Field label="Name">{instance.name}</Field>
        <Field label="ID">
          <code className="font-mono text-xs">{instance.id}</code>
        </Field>
        <Field label="Project">{project ? `${project.name} (${project.id})` : instance.project_id}</Field>
        <Field label="Status">
          <span className="flex flex-wrap items-center gap-2">
            <InstanceStatusBadge status={instance.status} />
            {instance.fault ? (
              <span className="text-red-800 dark:text-red-300">Fault: {instance.fault.message}</span>
            ) : null}
          </span>
        </Field>
        <Field label="Datastore">{datastoreLabel({ type: instance.datastore.type, version: "" })}</Field>
        <Field label="Datastore version">{instance.datastore.version || "—"}</Field>
        {instance.flavor ? (
          <Field label="Flavor">
            <code className="font-mono text-xs">{instance.flavor.id}</code>
          </Field>
        ) : null}
        {instance.volume ? <Field label="Volume size">{instance.volume.size} GB</Field> : null}
        {instance.volume?.used !== undefined ? (
          <Field label="Volume used">{instance.volume.used} GB</Field>
        ) : null}
        {instance.created ? (
          <Field label="Created">
            <Time iso={instance.created} />
          </Field>
        ) : null}
        {instance.updated ? (
          <Field label="Updated">
            <Time iso={instance.updated} />
          </Field>
        ) : null}
      </dl>
    </>
  );
}
