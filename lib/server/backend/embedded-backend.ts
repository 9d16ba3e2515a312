import "server-only";
import type { DatastoreType, Instance } from "@/lib/schemas/instance";
import type { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import { isExposed } from "@/lib/server/engine/log-definitions";
import { EmbeddedFollow } from "@/lib/server/follow/embedded-follow";
import type { LogBackend } from "./log-backend";

/** The embedded Trove-compatible log service behind the LogBackend interface. */
export function createEmbeddedBackend(
  engine: GuestLogEngine,
  exposedLogs: Record<DatastoreType, string[]>,
  options: { limit: number },
): LogBackend {
  /** One instance's answer carries what Trove's instance show has (times, flavor, volume). */
  const withFacts = (instance: Instance): Instance => {
    const facts = engine.troveFacts(instance.id);
    if (!facts) return instance;
    return {
      ...instance,
      created: facts.created,
      updated: facts.updated,
      ...(facts.flavorId !== undefined && { flavor: { id: facts.flavorId } }),
      ...(facts.volumeSize !== undefined && { volume: { size: facts.volumeSize } }),
    };
  };
  const following = new EmbeddedFollow(engine, { limit: options.limit });
  return {
    listInstances: (caller, { allProjects }) => engine.checkInstances(caller, allProjects),
    getInstance: async (caller, instanceId) => withFacts(await engine.checkInstance(caller, instanceId)),
    restartInstance: async (caller, instanceId) =>
      withFacts(await engine.restartInstance(caller, instanceId)),
    listLogs: (caller, instanceId) => engine.listLogs(caller, instanceId),
    logAction: (caller, instanceId, action, onProgress) =>
      engine.logAction(caller, instanceId, action, onProgress),
    isExposed: (instance, logName) =>
      isExposed(exposedLogs[instance.datastore.type as DatastoreType] ?? [], logName),
    // Unlike Trove, the embedded service publishes into the owner's account whoever asks.
    copyAccount: () => "owner",
    openPublishedLog: (caller, instanceId, logName) => engine.locatePublished(caller, instanceId, logName),
    follow: (caller, instanceId, logName, body) => following.poll(caller, instanceId, logName, body),
  };
}
