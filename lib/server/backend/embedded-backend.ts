import "server-only";
import type { DatastoreType } from "@/lib/schemas/instance";
import type { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import { isExposed } from "@/lib/server/engine/log-definitions";
import type { LogBackend } from "./log-backend";

/** The embedded Trove-compatible log service behind the LogBackend interface. */
export function createEmbeddedBackend(
  engine: GuestLogEngine,
  exposedLogs: Record<DatastoreType, string[]>,
): LogBackend {
  return {
    listInstances: async (caller, { allProjects }) => engine.listInstances(caller, allProjects),
    getInstance: async (caller, instanceId) => engine.getInstance(caller, instanceId),
    restartInstance: async (caller, instanceId) => engine.restartInstance(caller, instanceId),
    listLogs: (caller, instanceId) => engine.listLogs(caller, instanceId),
    logAction: (caller, instanceId, action, onProgress) =>
      engine.logAction(caller, instanceId, action, onProgress),
    isExposed: (instance, logName) =>
      isExposed(exposedLogs[instance.datastore.type as DatastoreType] ?? [], logName),
    openPublishedLog: (caller, instanceId, logName) => engine.locatePublished(caller, instanceId, logName),
  };
}
