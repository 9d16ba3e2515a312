"use client";

import { Download, Eye, Power, PowerOff, Upload } from "lucide-react";
import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import type { LogActionName } from "@/lib/api/logs";
import { availableLogActions, publishActionLabel } from "@/lib/log-actions";
import { paths, type Scope } from "@/lib/paths";
import type { LogDetails } from "@/lib/schemas/log-view";
import { ConfirmDiscardDialog } from "./confirm-discard-dialog";
import { useOwnAccountPublishGuard } from "./own-account-publish";

export interface LogRowActionsProps {
  scope: Scope;
  instanceId: string;
  log: LogDetails;
  /** The action of this row that is running, if any. */
  pending: LogActionName | undefined;
  run: (action: LogActionName) => void;
}

/** Publish first (always there, so it lines up), then what the log's state allows. */
export function LogRowActions({ scope, instanceId, log, pending, run }: LogRowActionsProps) {
  const actions = availableLogActions(log);
  const busy = pending !== undefined;
  const publishing = pending === "publish" || log.publishing !== null;
  const linkClass = buttonVariants({ size: "sm", variant: "ghost" });
  const ownAccount = useOwnAccountPublishGuard(log.copy_account === "yours");
  const publishLabel = publishActionLabel(log);

  return (
    <div className="flex items-center gap-1 whitespace-nowrap">
      <Button
        size="sm"
        variant="primary"
        loading={publishing}
        disabled={busy}
        aria-label={`${publishLabel} ${log.name}`}
        onClick={() => ownAccount.guard(() => run("publish"))}
      >
        {publishing ? null : <Upload aria-hidden />}
        {publishLabel}
      </Button>
      {ownAccount.dialog}
      {actions.view ? (
        <Link
          href={paths.logViewer(scope, instanceId, log.name)}
          className={linkClass}
          aria-label={`View ${log.name}`}
        >
          <Eye aria-hidden />
          View
        </Link>
      ) : null}
      {actions.download ? (
        <a
          href={paths.api.log(scope, instanceId, log.name, "download")}
          download
          className={linkClass}
          aria-label={`Download ${log.name}`}
        >
          <Download aria-hidden />
          Download
        </a>
      ) : null}
      {actions.enable ? (
        <Button
          size="sm"
          loading={pending === "enable"}
          disabled={busy}
          aria-label={`Enable ${log.name}`}
          onClick={() => run("enable")}
        >
          {pending === "enable" ? null : <Power aria-hidden />}
          Enable
        </Button>
      ) : null}
      {actions.disable ? (
        <Button
          size="sm"
          loading={pending === "disable"}
          disabled={busy}
          aria-label={`Disable ${log.name}`}
          onClick={() => run("disable")}
        >
          {pending === "disable" ? null : <PowerOff aria-hidden />}
          Disable
        </Button>
      ) : null}
      {actions.discard ? (
        <ConfirmDiscardDialog
          log={log}
          pending={pending === "discard"}
          disabled={busy || log.publishing !== null}
          onConfirm={() => run("discard")}
        />
      ) : null}
    </div>
  );
}
