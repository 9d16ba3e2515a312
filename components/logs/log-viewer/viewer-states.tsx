"use client";

import { CloudUpload, FileQuestion, FileX, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";

const WIDTHS = ["w-3/4", "w-2/3", "w-5/6", "w-1/2", "w-4/5", "w-3/5"];

/** Rows of grey bars while the first lines load. */
export function LogSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the log" className="space-y-2 p-3">
      {Array.from({ length: 14 }, (_, index) => (
        <div key={index} className="flex gap-3">
          <Skeleton className="h-3.5 w-10" />
          <Skeleton className={`h-3.5 ${WIDTHS[index % WIDTHS.length]}`} />
        </div>
      ))}
      <span className="sr-only">Loading the log…</span>
    </div>
  );
}

interface PublishOfferProps {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
  action: string;
  onAction: () => void;
  busy: boolean;
  error: string | null;
}

/** Instead of lines: why there are none, and the publish that would bring them. */
function PublishOffer({ icon, title, children, action, onAction, busy, error }: PublishOfferProps) {
  return (
    <EmptyState icon={icon} title={title}>
      {children}
      <div className="mt-4 flex justify-center">
        <Button variant="primary" onClick={onAction} loading={busy}>
          {busy ? null : <CloudUpload aria-hidden />}
          {action}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="mt-3 text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </EmptyState>
  );
}

export interface NothingPublishedProps {
  name: string;
  /** "Publish now", or "Enable & publish" where publishing turns the log on. */
  action: string;
  onPublish: () => void;
  publishing: boolean;
  error: string | null;
}

/** No published copy (never published, or discarded): say so and offer to publish. */
export function NothingPublished({ name, action, onPublish, publishing, error }: NothingPublishedProps) {
  return (
    <PublishOffer
      icon={FileX}
      title="Nothing published yet"
      action={action}
      onAction={onPublish}
      busy={publishing}
      error={error}
    >
      <p>
        The {name} log has no published copy in the object store (it was never published, or it was
        discarded). Publishing sends what the database has written so far.
      </p>
    </PublishOffer>
  );
}

export interface CopyNotHereProps {
  /** The server's reason: where the copy Trove counts is, and why it is not readable here. */
  reason: string;
  onFullCopy: () => void;
  copying: boolean;
  error: string | null;
}

/**
 * Trove counts the log as published, but the account this viewer reads holds no copy (a real Trove
 * writes into the publisher's own account; or the objects expired). Say where it is, offer a copy here.
 */
export function CopyNotHere({ reason, onFullCopy, copying, error }: CopyNotHereProps) {
  return (
    <PublishOffer
      icon={FileQuestion}
      title="No copy of this log here"
      action="Publish a full copy here"
      onAction={onFullCopy}
      busy={copying}
      error={error}
    >
      <p>{reason}</p>
    </PublishOffer>
  );
}
