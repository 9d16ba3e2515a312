"use client";

import { useCallback, useRef } from "react";
import { streamLogFilter } from "@/lib/api/log-filter";
import type { LogRef } from "@/lib/api/log-viewer";

const ERRORS = { text: "", levels: ["error", "critical"], context: 0 };

/**
 * `e` / `E`: the next / previous error entry of the whole log. The first step asks the server's filter
 * for every error entry's line (once per log and published size) and remembers them.
 */
export function useErrorSteps(
  log: LogRef,
  totalLines: number,
  here: () => number,
  goToLine: (line: number) => void,
) {
  const found = useRef<{ key: string; lines: number[]; ready: Promise<void> } | null>(null);
  const { scope, id, name } = log;
  return useCallback(
    async (direction: 1 | -1) => {
      const key = JSON.stringify([scope, id, name, totalLines]);
      if (found.current?.key !== key) {
        const lines: number[] = [];
        const ready = streamLogFilter(
          { scope, id, name },
          ERRORS,
          (events) => {
            for (const event of events) {
              if (event.type !== "lines") continue;
              for (const line of event.lines) {
                if (line.severity === "error" || line.severity === "critical") lines.push(line.line);
              }
            }
          },
          new AbortController().signal,
        ).catch(() => undefined);
        found.current = { key, lines, ready };
      }
      const { lines, ready } = found.current;
      await ready;
      const from = here();
      const target =
        direction > 0 ? lines.find((line) => line > from) : lines.findLast((line) => line < from);
      if (target !== undefined) goToLine(target);
    },
    [scope, id, name, totalLines, here, goToLine],
  );
}
