"use client";

import { RotateCcw, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { useRestartInstance } from "@/lib/api/instances";
import type { Scope } from "@/lib/paths";
import type { Instance } from "@/lib/schemas/instance";

/** RESTART_REQUIRED: log changes wait for a datastore restart, which can be started from here. */
export function RestartNotice({ scope, instance }: { scope: Scope; instance: Instance }) {
  const [confirming, setConfirming] = useState(false);
  const restart = useRestartInstance(scope, instance.id);
  if (instance.status !== "RESTART_REQUIRED") return null;

  const run = () =>
    restart.mutate(undefined, {
      onSuccess: () => toast.success(`Restarted instance ${instance.name}`),
      onError: (error) => toast.error(`Could not restart ${instance.name}`, { description: error.message }),
    });

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
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Restart instance ${instance.name}?`}
        description={
          <p>
            The database restarts and is unavailable for a moment. Pending log changes take effect when it is
            back.
          </p>
        }
        confirmLabel="Restart"
        destructive
        onConfirm={run}
        trigger={
          <Button variant="secondary" loading={restart.isPending}>
            {restart.isPending ? null : <RotateCcw aria-hidden />}
            Restart instance
          </Button>
        }
      />
    </div>
  );
}
