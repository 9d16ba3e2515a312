"use client";

import type { ReactNode } from "react";
import { ApiError } from "@/lib/api/fetcher";

/**
 * Under an error's message: the request id of a server-side failure, and what the service behind the
 * dashboard said in full (a real Trove's guest traceback, sent to administrators only) behind a
 * "Details" disclosure.
 */
export function ErrorDetails({ error }: { error: unknown }) {
  const detail = error instanceof ApiError ? error.detail : undefined;
  return (
    <>
      <RequestId error={error} />
      {detail ? <TroveAnswer detail={detail} /> : null}
    </>
  );
}

/**
 * The request's id next to a server-side failure (5xx, or one the server logged under a reference):
 * what an operator greps the request log and error lines for.
 */
function RequestId({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || !error.requestId) return null;
  if (error.status < 500 && !error.reference) return null;
  return (
    <span className="mt-1 block text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
      Request ID: <span className="font-mono select-all">{error.requestId}</span>
    </span>
  );
}

function TroveAnswer({ detail }: { detail: string }) {
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
