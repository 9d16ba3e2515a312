import { LOG_STATUSES, type LogStatus } from "@/lib/schemas/log";

/** One colour per Trove status; `unknown` for strings a newer Trove may send. */
export type LogStatusTone =
  | "disabled"
  | "enabled"
  | "unavailable"
  | "ready"
  | "published"
  | "partial"
  | "rotated"
  | "restart-required"
  | "restart-completed"
  | "unknown";

export interface LogStatusInfo {
  tone: LogStatusTone;
  /** What the status means, then what to do about it: one or two short sentences. */
  description: string;
}

const INFO: Record<LogStatus, LogStatusInfo> = {
  Disabled: {
    tone: "disabled",
    description: "The database does not write this log. Enable it to start logging.",
  },
  Enabled: {
    tone: "enabled",
    description: "Logging is on, but nothing has been written yet. Lines appear as the database writes them.",
  },
  Unavailable: {
    tone: "unavailable",
    description: "Logging is on, but there is no data to publish yet. Check again later.",
  },
  Ready: {
    tone: "ready",
    description: "Logging is on and lines are waiting. Publish to send them to the object store.",
  },
  Published: {
    tone: "published",
    description: "Everything written so far is published. Nothing to do until new lines arrive.",
  },
  Partial: {
    tone: "partial",
    description: "New lines since the last publish. Publish to send them.",
  },
  Rotated: {
    tone: "rotated",
    description: "The file was rotated. The next publish replaces the published copy.",
  },
  "Restart Required": {
    tone: "restart-required",
    description:
      "A logging change waits for a database restart. Restart the database to start (or stop) logging.",
  },
  "Restart Completed": {
    tone: "restart-completed",
    description: "The database was restarted and the logging change took effect. Publish to send new lines.",
  },
};

export function isKnownLogStatus(status: string): status is LogStatus {
  return (LOG_STATUSES as readonly string[]).includes(status);
}

/** Colour and explanation for a status string as Trove sent it. */
export function logStatusInfo(status: string): LogStatusInfo {
  if (isKnownLogStatus(status)) return INFO[status];
  return {
    tone: "unknown",
    description: `Trove reported "${status}", a status this dashboard does not know. Publishing still works.`,
  };
}
