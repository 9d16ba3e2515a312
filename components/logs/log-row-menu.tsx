"use client";

import { Download, Eye, MoreHorizontal, Power, PowerOff, Trash2, Upload } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { buttonVariants } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { LogActionName } from "@/lib/api/logs";
import type { AvailableLogActions } from "@/lib/log-actions";
import { paths, type Scope } from "@/lib/paths";
import type { LogDetails } from "@/lib/schemas/log-view";
import { cn } from "@/lib/utils";
import { ConfirmDiscardDialog } from "./confirm-discard-dialog";

export interface LogRowMenuProps {
  scope: Scope;
  instanceId: string;
  log: LogDetails;
  actions: AvailableLogActions;
  publishLabel: string;
  pending: LogActionName | undefined;
  /** Publish goes through the own-account guard of the row. */
  onPublish: () => void;
  run: (action: LogActionName) => void;
}

/** The row's actions in one menu, where the table is too narrow for a row of buttons (phones, tablets). */
export function LogRowMenu({
  scope,
  instanceId,
  log,
  actions,
  publishLabel,
  pending,
  onPublish,
  run,
}: LogRowMenuProps) {
  const [discarding, setDiscarding] = useState(false);
  const busy = pending !== undefined || log.publishing !== null;
  return (
    <>
      <ConfirmDiscardDialog
        log={log}
        pending={pending === "discard"}
        disabled={busy}
        onConfirm={() => run("discard")}
        controlled={{ open: discarding, onOpenChange: setDiscarding }}
      />
      {/* Not modal: the discard dialog it opens takes over focus and pointer events. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger
          aria-label={`Actions for ${log.name}`}
          className={cn(buttonVariants({ size: "icon", variant: "secondary" }), busy && "animate-pulse")}
        >
          <MoreHorizontal aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>{log.name}</DropdownMenuLabel>
          <DropdownMenuItem disabled={busy} onSelect={onPublish}>
            <Upload aria-hidden />
            {publishLabel}
          </DropdownMenuItem>
          {actions.view ? (
            <DropdownMenuItem asChild>
              <Link href={paths.logViewer(scope, instanceId, log.name)}>
                <Eye aria-hidden />
                View
              </Link>
            </DropdownMenuItem>
          ) : null}
          {actions.download ? (
            <DropdownMenuItem asChild>
              <a href={paths.api.log(scope, instanceId, log.name, "download")} download>
                <Download aria-hidden />
                Download
              </a>
            </DropdownMenuItem>
          ) : null}
          {actions.enable ? (
            <DropdownMenuItem disabled={busy} onSelect={() => run("enable")}>
              <Power aria-hidden />
              Enable
            </DropdownMenuItem>
          ) : null}
          {actions.disable ? (
            <DropdownMenuItem disabled={busy} onSelect={() => run("disable")}>
              <PowerOff aria-hidden />
              Disable
            </DropdownMenuItem>
          ) : null}
          {actions.discard ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem
                disabled={busy}
                onSelect={() => setDiscarding(true)}
                className="text-red-700 dark:text-red-400"
              >
                <Trash2 aria-hidden />
                Discard…
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
