"use client";

import { ErrorState } from "@/components/common/error-state";

/** A page that failed to render: say why, and offer to try again without a full reload. */
export default function DashboardError({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <ErrorState title="This page could not be shown" error={error} onRetry={reset} />
    </div>
  );
}
