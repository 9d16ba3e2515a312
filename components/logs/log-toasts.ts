import { toast } from "sonner";
import { errorDescription } from "@/components/common/error-details";
import { withReference } from "@/lib/api/fetcher";
import type { LogActionName, LogActionResult } from "@/lib/api/logs";
import type { Scope } from "@/lib/paths";

const PAST: Record<LogActionName, string> = {
  publish: "Published",
  enable: "Enabled",
  disable: "Disabled",
  discard: "Discarded",
};

/** One toast per log's publish: the start, the background outcome and errors replace each other. */
export const publishToastId = (scope: Scope, id: string, name: string) => `publish:${scope}:${id}:${name}`;

// Background publishes this browser started, with the failure shown before (so an old one is not news).
// Module state on purpose: it outlives the page, so leaving and coming back still ends in one outcome toast.
const awaiting = new Map<string, { priorErrorAt: string | null }>();
const toastedErrors = new Set<string>();

export function takeAwaitedPublish(toastId: string) {
  const entry = awaiting.get(toastId);
  awaiting.delete(toastId);
  return entry;
}

export function isAwaitingPublish(toastId: string) {
  return awaiting.has(toastId);
}

/**
 * Sonner merges a toast into the one with the same id, so a success replacing a failure (or the
 * "in the background" note) would keep its description: a success clears it.
 */
export function toastPublished(toastId: string, name: string) {
  toast.success(`Published log ${name}`, { id: toastId, description: undefined });
}

/** A failed background publish, toasted once however often the list is polled. */
export function toastPublishFailed(
  toastId: string,
  name: string,
  error: { message: string; at: string; reference?: string },
) {
  const key = `${toastId}@${error.at}`;
  if (toastedErrors.has(key)) return;
  toastedErrors.add(key);
  toast.error(`Could not publish log ${name}`, {
    id: toastId,
    description: withReference(error.message, error.reference),
  });
}

export function toastActionResult(
  scope: Scope,
  id: string,
  name: string,
  action: LogActionName,
  result: LogActionResult,
  priorErrorAt: string | null,
) {
  const toastId = publishToastId(scope, id, name);
  if (action === "publish" && result.background) {
    awaiting.set(toastId, { priorErrorAt });
    toast.info(`Publishing log ${name} in the background`, {
      id: toastId,
      description: "The table shows its progress; you can leave this page meanwhile.",
    });
  } else if (action === "publish") {
    toastPublished(toastId, name);
  } else if (action === "discard") {
    toast.success(`Discarded the published ${name} log`);
  } else {
    toast.success(`${PAST[action]} log ${name}`);
  }
}

export function toastActionError(
  scope: Scope,
  id: string,
  name: string,
  action: LogActionName,
  error: Error,
) {
  toast.error(`Could not ${action} log ${name}`, {
    id: action === "publish" ? publishToastId(scope, id, name) : undefined,
    description: errorDescription(error),
  });
}
