import { Badge } from "@/components/ui/badge";
import { instanceStatusLabel, instanceStatusTone } from "@/lib/instance-display";

export function InstanceStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={instanceStatusTone(status)} title={status}>
      {instanceStatusLabel(status)}
    </Badge>
  );
}
