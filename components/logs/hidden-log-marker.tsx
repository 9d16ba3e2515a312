import { EyeOff } from "lucide-react";
import { Badge } from "@/components/ui/badge";

/** Admin view: this log is left out of tenants' log lists (not in guest_log_exposed_logs). */
export function HiddenLogMarker() {
  return (
    <Badge
      tone="outline"
      title="Hidden from tenants: only administrators see this log; it is not exposed to the project's members."
    >
      <EyeOff aria-hidden className="size-3" />
      {/* Narrow screens keep the icon; the words stay for screen readers. */}
      <span className="sr-only min-[1360px]:not-sr-only">hidden from tenants</span>
    </Badge>
  );
}
