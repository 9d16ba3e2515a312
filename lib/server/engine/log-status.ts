import "server-only";
import type { LogStatus, LogType } from "@/lib/schemas/log";

export interface StatusInputs {
  type: LogType;
  /** USER logs: the datastore logs into the file. SYS logs are always enabled. */
  enabled: boolean;
  /** A toggle that waits for a datastore restart (sticky, as Trove's Restart_Required). */
  restartPending: boolean;
  size: number;
  published: number;
  rotated: boolean;
  /** The datastore cannot be asked how the log is switched (Trove's "logging on, no data available"). */
  unavailable?: boolean;
}

/** Trove's `_update_details` rules, evaluated in Trove's order. */
export function computeStatus(input: StatusInputs): LogStatus {
  if (input.unavailable) return "Unavailable";
  if (input.restartPending) return "Restart Required";
  if (input.type === "USER" && !input.enabled) return "Disabled";
  if (input.rotated) return "Rotated";
  if (input.size > input.published) return input.published > 0 ? "Partial" : "Ready";
  return input.published > 0 ? "Published" : "Enabled";
}

/** Trove reports the whole file as pending once it has been rotated. */
export function computePending(input: Pick<StatusInputs, "size" | "published" | "rotated">): number {
  return input.rotated ? input.size : input.size - input.published;
}
