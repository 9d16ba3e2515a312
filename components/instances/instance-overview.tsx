"use client";

import type { ReactNode } from "react";
import { useSession } from "@/lib/api/session";
import { datastoreLabel } from "@/lib/instance-display";
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

export function InstanceOverview({ scope, instance }: { scope: Scope; instance: Instance }) {
  const session = useSession();
  const project = session.data?.projects.find((entry) => entry.id === instance.project_id);
  return (
    <>
      <FaultNotice instance={instance} />
      <RestartNotice scope={scope} instance={instance} />
      <dl className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white text-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        <Field label="Name">{instance.name}</Field>
        <Field label="ID">
          <code className="font-mono text-xs">{instance.id}</code>
        </Field>
        <Field label="Project">{project ? `${project.name} (${project.id})` : instance.project_id}</Field>
        <Field label="Datastore">{datastoreLabel(instance.datastore)}</Field>
        <Field label="Status">
          <InstanceStatusBadge status={instance.status} />
        </Field>
      </dl>
    </>
  );
}
