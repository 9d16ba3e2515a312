import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** A grey placeholder while data loads (a span, so it may sit inside headings and cells). */
export function Skeleton({ className, ...props }: ComponentProps<"span">) {
  return (
    <span
      aria-hidden
      className={cn(
        "block h-4 animate-pulse rounded bg-zinc-200 motion-reduce:animate-none dark:bg-zinc-800",
        className,
      )}
      {...props}
    />
  );
}
