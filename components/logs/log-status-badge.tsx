import { Badge, type BadgeTone } from "@/components/ui/badge";
import { focusRing } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { logStatusInfo, type LogStatusTone } from "@/lib/log-status";
import { cn } from "@/lib/utils";

const BADGE_TONE: Record<LogStatusTone, BadgeTone> = {
  disabled: "neutral",
  enabled: "sky",
  unavailable: "slate",
  ready: "blue",
  published: "green",
  partial: "violet",
  rotated: "orange",
  "restart-required": "amber",
  "restart-completed": "teal",
  unknown: "outline",
};

/** Trove's status as a coloured badge; tap, hover or focus it for what it means and what to do. */
export function LogStatusBadge({ status }: { status: string }) {
  const info = logStatusInfo(status);
  return (
    <Tooltip
      content={
        <>
          <span className="block font-semibold">{status}</span>
          {info.description}
        </>
      }
    >
      <Badge
        tone={BADGE_TONE[info.tone]}
        tabIndex={0}
        className={cn("cursor-help whitespace-normal", focusRing)}
      >
        <span aria-hidden className="size-1.5 rounded-full bg-current" />
        {status}
      </Badge>
    </Tooltip>
  );
}
