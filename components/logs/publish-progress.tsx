import { CircleAlert } from "lucide-react";
import { ProgressBar } from "@/components/ui/progress-bar";
import { withReference } from "@/lib/api/fetcher";
import { formatBytes } from "@/lib/format-bytes";
import type { LogDetails } from "@/lib/schemas/log-view";

/** A background publish of this log: bytes sent of bytes to send. */
export function PublishProgress({
  name,
  publishing,
}: {
  name: string;
  publishing: NonNullable<LogDetails["publishing"]>;
}) {
  const text = `${formatBytes(publishing.done)} of ${formatBytes(publishing.total)}`;
  return (
    <div className="mt-1.5 w-full max-w-36">
      <ProgressBar
        value={publishing.done}
        max={publishing.total}
        label={`Publishing ${name}`}
        valueText={text}
      />
      <p className="mt-0.5 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">Publishing… {text}</p>
    </div>
  );
}

/** The last publish failed; kept on the row until a publish succeeds. */
export function PublishErrorNote({ error }: { error: NonNullable<LogDetails["publish_error"]> }) {
  const at = new Date(error.at);
  const reason = withReference(error.message, error.reference);
  return (
    <p
      className="mt-1.5 flex max-w-56 items-start gap-1 text-xs text-red-700 dark:text-red-400"
      title={`${reason}${Number.isNaN(at.getTime()) ? "" : ` (${at.toLocaleString()})`}`}
      data-testid="publish-error"
    >
      <CircleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
      <span>
        <span className="line-clamp-3">Last publish failed: {error.message}</span>
        {/* Outside the clamp: what a person quotes to whoever reads the server log. */}
        {error.reference ? <span className="block tabular-nums"> (reference {error.reference})</span> : null}
      </span>
    </p>
  );
}

/** The datastore did not switch this log, or cannot be asked about it (instances backed by a server). */
export function DatastoreErrorNote({ error }: { error: NonNullable<LogDetails["datastore_error"]> }) {
  const at = new Date(error.at);
  return (
    <p
      className="mt-1.5 flex max-w-56 items-start gap-1 text-xs text-red-700 dark:text-red-400"
      title={`${error.message}${Number.isNaN(at.getTime()) ? "" : ` (${at.toLocaleString()})`}`}
      data-testid="datastore-error"
    >
      <CircleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
      <span className="line-clamp-3">Database: {error.message}</span>
    </p>
  );
}
