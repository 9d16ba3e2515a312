"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/lib/format-bytes";
import type { GuestLog } from "@/lib/schemas/log";

export interface ConfirmDiscardDialogProps {
  log: Pick<GuestLog, "name" | "container" | "prefix" | "published">;
  onConfirm: () => void;
  pending: boolean;
  disabled: boolean;
  /** Opened from elsewhere (the row's menu): no button of its own. */
  controlled?: { open: boolean; onOpenChange: (open: boolean) => void };
}

/** Discard deletes published objects: say which, and that the log file itself stays. */
export function ConfirmDiscardDialog({
  log,
  onConfirm,
  pending,
  disabled,
  controlled,
}: ConfirmDiscardDialogProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlled?.open ?? ownOpen;
  const setOpen = controlled?.onOpenChange ?? setOwnOpen;
  const prefix = log.prefix && log.prefix !== "None" ? log.prefix : "";
  const location = `${log.container}/${prefix}`.replace(/\/*$/, "/");
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      title={`Discard the published ${log.name} log?`}
      description={
        <>
          <p>
            This deletes the published copy of <strong>{log.name}</strong> ({formatBytes(log.published)}) from
            the object store: every object under{" "}
            <code className="rounded bg-zinc-100 px-1 font-mono text-xs break-all dark:bg-zinc-800">
              {location}
            </code>{" "}
            and its metafile.
          </p>
          <p>The log file on the instance is kept. Publish again to make a new copy.</p>
        </>
      }
      confirmLabel="Discard"
      destructive
      onConfirm={onConfirm}
      trigger={
        controlled ? undefined : (
          <Button
            size="sm"
            variant="danger-outline"
            loading={pending}
            disabled={disabled}
            aria-label={`Discard ${log.name}`}
            className="w-full"
          >
            {pending ? null : <Trash2 aria-hidden />}
            Discard
          </Button>
        )
      }
    />
  );
}
