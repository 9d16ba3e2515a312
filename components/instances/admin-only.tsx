"use client";

import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { useSession } from "@/lib/api/session";
import { paths } from "@/lib/paths";

/**
 * The Admin dashboard is not offered to members. This only hides it; the API's 403 is the guard.
 */
export function AdminOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  if (!session.data) return null;
  if (session.data.is_admin) return children;
  return (
    <>
      <PageHeader crumbs={[{ label: "Admin" }]} title="Access denied" />
      <div
        role="alert"
        className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
      >
        <EmptyState icon={ShieldAlert} title="403 — The Admin dashboard is for administrators">
          <p>
            Your account has no admin role in this project.{" "}
            <Link href={paths.instances("project")} className="text-sky-700 underline dark:text-sky-400">
              Go to your project&apos;s instances
            </Link>
            .
          </p>
        </EmptyState>
      </div>
    </>
  );
}
