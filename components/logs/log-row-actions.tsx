"use client";

import { Download, Eye, Power, PowerOff, Upload } from "lucide-react";
import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import type { LogActionName } from "@/lib/api/logs";
import { availableLogActions, publishActionLabel } from "@/lib/log-actions";
import { paths, type Scope } from "@/lib/paths";
import type { LogDetails } from "@/lib/schemas/log-view";
import { cn } from "@/lib/utils";
import { ConfirmDiscardDialog } from "./confirm-discard-dialog";
import { LogRowMenu } from "./log-row-menu";
import { useOwnAccountPublishGuard } from "./own-account-publish";

export interface LogRowActionsProps {
  scope: Scope;
  instanceId: string;
  log: LogDetails;
  /** The action of this row that is running, if any. */
  pending: LogActionName | undefined;
  run: (action: LogActionName) => void;
}

/**
 * Wide screens: one slot per action (Publish, View, Download, Enable/Disable, Discard), an empty slot
 * where the log's state offers none, so SYS and USER rows line up and nothing moves when a state
 * changes. Narrower: the same actions in a menu.
 */
export function LogRowActions({ scope, instanceId, log, pending, run }: LogRowActionsProps) {
  const actions = availableLogActions(log);
  const busy = pending !== undefined;
  const publishing = pending === "publish" || log.publishing !== null;
  const linkClass = cn(buttonVariants({ size: "sm", variant: "ghost" }), "w-full");
  const ownAccount = useOwnAccountPublishGuard(log.copy_account === "yours");
  const publishLabel = publishActionLabel(log);
  const publish = () => ownAccount.guard(() => run("publish"));

  return (
    <>
      {ownAccount.dialog}
      <div className="hidden grid-cols-[8.25rem_4rem_6rem_5rem_5.25rem] items-center gap-1 min-[1400px]:grid">
        <Button
          size="sm"
          variant="primary"
          loading={publishing}
          disabled={busy}
          aria-label={`${publishLabel} ${log.name}`}
          onClick={publish}
          className="col-start-1 w-full"
        >
          {publishing ? null : <Upload aria-hidden />}
          {publishLabel}
        </Button>
        {actions.view ? (
          <Link
            href={paths.logViewer(scope, instanceId, log.name)}
            className={cn(linkClass, "col-start-2")}
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
            className={cn(linkClass, "col-start-3")}
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
            className="col-start-4 w-full"
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
            className="col-start-4 w-full"
          >
            {pending === "disable" ? null : <PowerOff aria-hidden />}
            Disable
          </Button>
        ) : null}
        {actions.discard ? (
          <div className="col-start-5">
            <ConfirmDiscardDialog
              log={log}
              pending={pending === "discard"}
              disabled={busy || log.publishing !== null}
              onConfirm={() => run("discard")}
            />
          </div>
        ) : null}
      </div>
      <div className="min-[1400px]:hidden">
        <LogRowMenu
          scope={scope}
          instanceId={instanceId}
          log={log}
          actions={actions}
          publishLabel={publishLabel}
          pending={pending}
          onPublish={publish}
          run={run}
        />
      </div>
    </>
  );
}
