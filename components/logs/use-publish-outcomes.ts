"use client";

import { useEffect, useRef } from "react";
import type { Scope } from "@/lib/paths";
import type { LogDetails } from "@/lib/schemas/log-view";
import {
  isAwaitingPublish,
  publishToastId,
  takeAwaitedPublish,
  toastPublished,
  toastPublishFailed,
} from "./log-toasts";

/**
 * Watches the polled list for publishes that end (ours from this browser, or one seen running):
 * success or the server's reason is toasted once.
 */
export function usePublishOutcomes(scope: Scope, id: string, logs: LogDetails[] | undefined) {
  const previous = useRef<Map<string, LogDetails> | undefined>(undefined);

  useEffect(() => {
    if (!logs) return;
    const before = previous.current;
    for (const log of logs) {
      const toastId = publishToastId(scope, id, log.name);
      const was = before?.get(log.name);
      if (log.publishing || !(isAwaitingPublish(toastId) || was?.publishing)) continue;
      const awaited = takeAwaitedPublish(toastId);
      const priorErrorAt = awaited ? awaited.priorErrorAt : (was?.publish_error?.at ?? null);
      if (log.publish_error && log.publish_error.at !== priorErrorAt) {
        toastPublishFailed(toastId, log.name, log.publish_error);
      } else {
        toastPublished(toastId, log.name);
      }
    }
    previous.current = new Map(logs.map((log) => [log.name, log]));
  }, [logs, scope, id]);
}
