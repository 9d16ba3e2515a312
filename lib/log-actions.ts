import type { GuestLog } from "@/lib/schemas/log";

type LogFacts = Pick<GuestLog, "type" | "status" | "published" | "container">;

export interface AvailableLogActions {
  /** Open the viewer: only something published can be read. */
  view: boolean;
  /** Always offered (Trove enables a USER log on publish). */
  publish: boolean;
  /** USER logs only; SYS logs are always on. */
  enable: boolean;
  disable: boolean;
  /** Something is stored in the object store to delete. */
  discard: boolean;
  download: boolean;
}

/** Statuses where the wanted state is unknown (a toggle waits for a restart): both toggles apply. */
const AMBIGUOUS = new Set(["Restart Required", "Restart Completed"]);

/** Which row actions a log offers; the one place that decides it (Trove's rules plus what makes sense). */
export function availableLogActions(log: LogFacts): AvailableLogActions {
  const hasPublished = log.published > 0;
  const isUser = log.type === "USER";
  const ambiguous = AMBIGUOUS.has(log.status);
  return {
    view: hasPublished,
    publish: true,
    enable: isUser && (log.status === "Disabled" || ambiguous),
    disable: isUser && (log.status !== "Disabled" || ambiguous),
    discard: hasPublished || (log.container !== "None" && log.container !== ""),
    download: hasPublished,
  };
}

/**
 * The label of a log's publish action: publishing a Disabled USER log enables it (Trove's rule), so
 * there the action says "Enable & publish". SYS logs are always on.
 */
export const publishActionLabel = (log: Pick<GuestLog, "type" | "status">, plain = "Publish") =>
  publishEnables(log) ? "Enable & publish" : plain;

function publishEnables(log: Pick<GuestLog, "type" | "status">): boolean {
  return log.type === "USER" && log.status === "Disabled";
}

/**
 * "Publish selected" says so too when it turns logs on: its label, and the logs it would enable
 * (named next to the count).
 */
export function bulkPublishAction(logs: ReadonlyArray<Pick<GuestLog, "name" | "type" | "status">>) {
  const enables = logs.filter(publishEnables).map((log) => log.name);
  return { label: enables.length > 0 ? "Enable & publish selected" : "Publish selected", enables };
}
