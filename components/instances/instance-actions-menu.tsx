"use client";

import { ChevronDown, FileText, Info, RotateCcw } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { canRestart } from "@/lib/instance-display";
import { paths, type Scope } from "@/lib/paths";
import type { Instance } from "@/lib/schemas/instance";
import { cn } from "@/lib/utils";
import { useRestartDialog } from "./use-restart-dialog";

export interface InstanceActionsMenuProps {
  scope: Scope;
  instance: Pick<Instance, "id" | "name" | "status">;
  /** The table's compact trigger ("Actions for <name>") or the instance page's "Actions" button. */
  variant: "row" | "page";
}

/** Horizon's row/detail actions: open the logs or the overview, restart where Trove allows it. */
export function InstanceActionsMenu({ scope, instance, variant }: InstanceActionsMenuProps) {
  const restart = useRestartDialog(scope, instance);
  return (
    <>
      {restart.dialog}
      {/* Not modal: the confirm dialog it opens takes over focus and pointer events. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger
          aria-label={variant === "row" ? `Actions for ${instance.name}` : undefined}
          disabled={restart.pending}
          className={cn(
            buttonVariants({ size: variant === "row" ? "sm" : "md", variant: "secondary" }),
            // Above the row's stretched link, so the menu opens instead of the instance.
            "relative z-10",
          )}
        >
          Actions
          <ChevronDown aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem asChild>
            <Link href={paths.instance(scope, instance.id, "logs")}>
              <FileText aria-hidden />
              View logs
            </Link>
          </DropdownMenuItem>
          {variant === "row" ? (
            <DropdownMenuItem asChild>
              <Link href={paths.instance(scope, instance.id)}>
                <Info aria-hidden />
                Overview
              </Link>
            </DropdownMenuItem>
          ) : null}
          {canRestart(instance.status) ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem
                onSelect={restart.ask}
                className="text-red-700 data-[highlighted]:bg-red-50 data-[highlighted]:text-red-800 dark:text-red-400 dark:data-[highlighted]:bg-red-950 dark:data-[highlighted]:text-red-300"
              >
                <RotateCcw aria-hidden />
                Restart instance
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
