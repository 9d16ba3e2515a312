import "server-only";
import type { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import type { LogBackend } from "./log-backend";

/** The embedded Trove-compatible log service behind the LogBackend interface. */
export function createEmbeddedBackend(engine: GuestLogEngine): LogBackend {
  return {
    listInstances: async (caller, { allProjects }) => engine.listInstances(caller, allProjects),
    getInstance: async (caller, instanceId) => engine.getInstance(caller, instanceId),
    restartInstance: async (caller, instanceId) => engine.restartInstance(caller, instanceId),
    listLogs: (caller, instanceId) => engine.listLogs(caller, instanceId),
    logAction: (caller, instanceId, action) => engine.logAction(caller, instanceId, action),
    openPublishedLog: (caller, instanceId, logName) => engine.locatePublished(caller, instanceId, logName),
  };
}
