"use client";

import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { useRestartInstance } from "@/lib/api/instances";
import type { Scope } from "@/lib/paths";
import type { Instance } from "@/lib/schemas/instance";

/**
 * "Restart instance" asks first (Horizon's danger action): the database is unavailable for a moment.
 * Answers `ask` for a button or menu item, and the dialog to render beside it.
 */
export function useRestartDialog(scope: Scope, instance: Pick<Instance, "id" | "name" | "status">) {
  const [open, setOpen] = useState(false);
  const restart = useRestartInstance(scope, instance.id);
  const waiting = instance.status === "RESTART_REQUIRED";

  const run = () =>
    restart.mutate(undefined, {
      onSuccess: () => toast.success(`Restarted instance ${instance.name}`),
      onError: (error) => toast.error(`Could not restart ${instance.name}`, { description: error.message }),
    });

  const dialog = (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      title={`Restart instance ${instance.name}?`}
      description={
        <p>
          The database restarts and is unavailable for a moment.
          {waiting ? " Pending log changes take effect when it is back." : null}
        </p>
      }
      confirmLabel="Restart"
      destructive
      onConfirm={run}
    />
  );
  return { ask: () => setOpen(true), dialog, pending: restart.isPending };
}
