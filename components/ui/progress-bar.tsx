import { cn } from "@/lib/utils";

export interface ProgressBarProps {
  value: number;
  max: number;
  /** Accessible name, e.g. "Publishing general". */
  label: string;
  /** Human-readable value for screen readers, e.g. "1.2 MB of 4.0 MB". */
  valueText?: string;
  className?: string;
}

export function ProgressBar({ value, max, label, valueText, className }: ProgressBarProps) {
  const clamped = Math.min(Math.max(value, 0), Math.max(max, 0));
  const percent = max > 0 ? (clamped / max) * 100 : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={clamped}
      aria-valuetext={valueText}
      className={cn("h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700", className)}
    >
      <div
        className="h-full rounded-full bg-sky-600 transition-[width] duration-500 ease-out dark:bg-sky-400"
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
