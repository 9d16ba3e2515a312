"use client";

import { PageHeader } from "@/components/layout/page-header";
import { useSession } from "@/lib/api/session";
import type { Scope } from "@/lib/paths";
import { InstanceTable } from "./instance-table";

/** The Instances panel of the Project or the Admin dashboard. */
export function InstancesView({ scope }: { scope: Scope }) {
  const session = useSession();
  return (
    <>
      <PageHeader
        crumbs={[
          { label: scope === "admin" ? "Admin" : "Project" },
          { label: "Database" },
          { label: "Instances" },
        ]}
        title="Instances"
        description={
          scope === "admin"
            ? "Database instances of every project. Open one to see and act on all its logs, including those hidden from tenants."
            : `Database instances of project ${session.data?.project.name ?? ""}. Open one to publish and read its logs.`
        }
      />
      <InstanceTable scope={scope} />
    </>
  );
}
