import { FileQuestion } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/common/empty-state";
import { paths } from "@/lib/paths";

export default function DashboardNotFound() {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <EmptyState icon={FileQuestion} title="Page not found">
        <p>
          This address names no instance or log.{" "}
          <Link href={paths.instances("project")} className="text-sky-700 underline dark:text-sky-400">
            Go to the instances
          </Link>
          .
        </p>
      </EmptyState>
    </div>
  );
}
