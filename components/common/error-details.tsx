"use client";

import type { ReactNode } from "react";
import { ApiError } from "@/lib/api/fetcher";

/**
 * What the service behind the dashboard said in full (a real Trove's guest traceback), behind a
 * "Details" disclosure. The server sends it to administrators only; for everyone else nothing shows.
 */
export function ErrorDetails({ error }: { error: unknown }) {
  const detail = error instanceof ApiError ? error.detail : undefined;
  if (!detail) return null;
  return (
    <details className="mt-2 text-left text-xs">
      <summary className="cursor-pointer font-medium text-zinc-700 dark:text-zinc-300">Details</summary>
      <p className="mt-1 text-zinc-500 dark:text-zinc-400">
        Trove&apos;s whole answer (shown to administrators only):
      </p>
      <pre className="mt-1 max-h-64 overflow-auto rounded bg-zinc-100 p-2 font-mono break-words whitespace-pre-wrap text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
        {detail}
      </pre>
    </details>
  );
}

/** A toast's description: the reason, and the details when there are any. */
export function errorDescription(error: Error): ReactNode {
  return (
    <>
      {error.message}
      <ErrorDetails error={error} />
    </>
  );
}
