"use client";

import { useEffect, useRef, type ComponentProps } from "react";
import { cn } from "@/lib/utils";

export interface CheckboxProps extends Omit<ComponentProps<"input">, "type"> {
  /** Some but not all (a "select all" box). */
  indeterminate?: boolean;
}

/** A native checkbox (keyboard and screen readers for free), sized and coloured like the rest. */
export function Checkbox({ className, indeterminate = false, ...props }: CheckboxProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className={cn(
        "size-4 cursor-pointer rounded border-zinc-400 accent-sky-700 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 focus-visible:ring-offset-white dark:accent-sky-500 dark:focus-visible:ring-offset-zinc-900",
        className,
      )}
      {...props}
    />
  );
}
