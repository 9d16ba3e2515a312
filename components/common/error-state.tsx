"use client";

import { RefreshCw, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ErrorDetails } from "./error-details";

export interface ErrorStateProps {
  /** What could not be done, e.g. "Could not load the instances." */
  title: string;
  /** The server's own reason (ApiError.message). */
  error: Error;
  /** Left out where trying again cannot help (a 403). */
  onRetry?: () => void;
  retrying?: boolean;
}

export function ErrorState({ title, error, onRetry, retrying = false }: ErrorStateProps) {
  return (
    <div role="alert" className="flex flex-col items-center gap-3 px-6 py-10 text-center">
      <TriangleAlert aria-hidden className="size-8 text-red-600 dark:text-red-400" />
      <div>
        <p className="font-medium">{title}</p>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{error.message}</p>
        <ErrorDetails error={error} />
      </div>
      {onRetry ? (
        <Button onClick={onRetry} loading={retrying}>
          {retrying ? null : <RefreshCw aria-hidden />}
          Retry
        </Button>
      ) : null}
    </div>
  );
}
