import "server-only";
import type { DatastoreSnapshot } from "./datastore/datastore-control";
import { createDatastoreControl } from "./datastore/create-control";
import type { EngineInstance } from "./guest-log-engine";
import { GuestLogFile, type GuestLogDeps } from "./guest-log";
import { InstanceDatastore } from "./instance-datastore";
import { LOG_DEFINITIONS } from "./log-definitions";
import type { LogSettings } from "./log-settings";
import { OperationsLog } from "./operations-log";

/** One instance inside the engine: its logs, its datastore and, for a real server, our guest log. */
export interface InstanceEntry {
  instance: EngineInstance;
  logs: GuestLogFile[];
  datastore: InstanceDatastore;
  /** The guest log Trove Logs writes (instances backed by a real server, and the demo's). */
  operations?: OperationsLog;
}

export function createInstanceEntry(
  instance: EngineInstance,
  settings: LogSettings,
  deps: GuestLogDeps,
): InstanceEntry {
  const definitions = LOG_DEFINITIONS[instance.datastore.type];
  const logs = definitions.map((definition) => {
    const file = instance.logFiles[definition.name];
    if (!file) throw new Error(`instance ${instance.id} has no file for log '${definition.name}'`);
    return new GuestLogFile(instance.id, instance.projectId, instance.datastore.type, definition, file, deps);
  });
  const control = createDatastoreControl(instance, settings);
  const datastore = new InstanceDatastore(control, definitions, deps.nowMillis);
  const guest = instance.logFiles.guest;
  const writesGuest = (control.isServer || instance.operationsLog) && guest;
  const operations = writesGuest ? new OperationsLog(guest, deps.nowMillis) : undefined;
  void operations?.info(`Trove Logs serves the logs of instance ${instance.name}: ${control.description}`);
  return { instance, logs, datastore, operations };
}

/**
 * Reads the datastore's state and points the logs at the files it names; `force` asks even right
 * after a failure. Also waits for guest log lines still being written: they are part of what is seen.
 */
export async function refreshEntry(
  entry: InstanceEntry,
  force = false,
): Promise<DatastoreSnapshot | undefined> {
  const snapshot = force
    ? await entry.datastore.require().catch(() => undefined)
    : await entry.datastore.snapshot();
  await entry.operations?.settled();
  if (!snapshot) return undefined;
  for (const log of entry.logs) {
    const located = snapshot.files[log.name];
    if (located && log.name === "error" && entry.instance.server?.locateErrorLog) log.relocate(located);
    const state = snapshot.logs[log.name];
    if (state?.enabled && !state.restartPending && state.file) log.relocate(state.file);
  }
  return snapshot;
}
