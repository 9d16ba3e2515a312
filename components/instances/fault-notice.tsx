import { CircleAlert } from "lucide-react";
import { instanceStatusLabel } from "@/lib/instance-display";
import type { Instance } from "@/lib/schemas/instance";

/** SHUTDOWN or ERROR: why (Trove's instance `fault`), e.g. the database cannot be reached or refused a change. */
export function FaultNotice({ instance }: { instance: Instance }) {
  if (!instance.fault) return null;
  const at = new Date(instance.fault.created);
  return (
    <div
      role="alert"
      className="mb-4 flex items-start gap-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      <CircleAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-red-600 dark:text-red-400" />
      <p className="min-w-60 flex-1 break-words">
        <strong className="font-semibold">{instanceStatusLabel(instance.status)}.</strong>{" "}
        {instance.fault.message}
        {Number.isNaN(at.getTime()) ? null : (
          <span className="text-red-800/80 dark:text-red-200/70"> ({at.toLocaleString()})</span>
        )}
      </p>
    </div>
  );
}
