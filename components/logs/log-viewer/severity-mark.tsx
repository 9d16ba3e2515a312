import type { Severity } from "@/lib/schemas/log-time";
import { cn } from "@/lib/utils";

const MARK: Record<Severity, { label: string; className: string }> = {
  critical: { label: "CRIT", className: "bg-fuchsia-700 text-white dark:bg-fuchsia-500" },
  error: { label: "ERR", className: "bg-red-600 text-white dark:bg-red-500" },
  warning: { label: "WARN", className: "bg-amber-400 text-zinc-950 dark:bg-amber-300" },
  notice: { label: "NOTE", className: "bg-sky-200 text-sky-950 dark:bg-sky-800 dark:text-sky-100" },
  info: { label: "INFO", className: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
  debug: { label: "DBG", className: "bg-zinc-100 text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400" },
};

/** A fixed-width label in the gutter for the severity a line states (blank when it states none). */
export function SeverityMark({ severity }: { severity?: Severity }) {
  const mark = severity ? MARK[severity] : null;
  return (
    <span
      aria-label={severity ? `severity ${severity}` : undefined}
      data-severity={severity}
      className={cn(
        "mr-2 inline-block h-4 w-[5ch] shrink-0 self-center rounded-sm text-center text-[10px] leading-4 font-semibold select-none",
        mark?.className,
      )}
    >
      {mark?.label}
    </span>
  );
}
