import { EyeOff } from "lucide-react";
import { Badge } from "@/components/ui/badge";

/**
 * Shown to admins, in the Admin and the Project dashboard alike: this log is left out of tenants' log
 * lists (not in guest_log_exposed_logs). Members never receive such logs, so never see the marker.
 * Its words stay at every width: an icon alone does not say who cannot see the log.
 */
export function HiddenLogMarker() {
  return (
    <Badge
      tone="outline"
      // Wraps in a narrow Name column rather than spilling into the next one.
      className="whitespace-normal"
      title="Hidden from tenants: only administrators see this log; it is not exposed to the project's members."
    >
      <EyeOff aria-hidden className="size-3 shrink-0" />
      hidden from tenants
    </Badge>
  );
}
