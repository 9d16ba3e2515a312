"use client";

import { RotateCcw, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { Scope } from "@/lib/paths";
import type { Instance } from "@/lib/schemas/instance";
import { useRestartDialog } from "./use-restart-dialog";

/** RESTART_REQUIRED: log changes wait for a datastore restart, which can be started from here. */
export function RestartNotice({ scope, instance }: { scope: Scope; instance: Instance }) {
  const restart = useRestartDialog(scope, instance);
  if (instance.status !== "RESTART_REQUIRED") return null;

  return (
    <div
      role="status"
      className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <TriangleAlert aria-hidden className="size-5 shrink-0 text-amber-600 dark:text-amber-400" />
      <p className="min-w-60 flex-1">
        <strong className="font-semibold">Restart required.</strong> Pending log changes (logs enabled or
        disabled) wait for a restart of the database before they take effect.
      </p>
      {restart.dialog}
      <Button variant="secondary" loading={restart.pending} onClick={restart.ask}>
        {restart.pending ? null : <RotateCcw aria-hidden />}
        Restart instance
      </Button>
    </div>
  );
}
