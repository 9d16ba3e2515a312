import "server-only";
import { isDatastoreError, type DatastoreError } from "./datastore/datastore-control";
import { EngineError } from "./errors";
import type { GuestLogFile, PublishProgress } from "./guest-log";
import type { Fault } from "./instance-datastore";
import type { InstanceEntry } from "./instance-entry";

// What the engine changes for an instance, each step written into the instance's guest log (when it
// has one) and every failure recorded on the instance and the log. Callers hold the locks.

/**
 * Unreachable or refusing servers are the deployment's state (503); the rest is Trove's guest error
 * (400). The answer quotes the fault's reference: its details were logged when it was recorded.
 */
function toEngineError(error: DatastoreError, fault: Fault): EngineError {
  const unavailable = error.problem === "unreachable" || error.problem === "refused";
  const code = unavailable ? "service_unavailable" : "bad_request";
  return new EngineError(code, error.message, error.detail, fault.reference);
}

/** Records a failed operation in the guest log (and the faults) and answers the error to throw. */
async function failure(
  entry: InstanceEntry,
  error: unknown,
  what: string,
  logName?: string,
): Promise<unknown> {
  await entry.operations?.error(`Could not ${what}: ${(error as Error)?.message ?? String(error)}`);
  if (!isDatastoreError(error)) return error;
  return toEngineError(error, entry.datastore.failed(error, logName));
}

/** Switches a USER log in the datastore; switching to the state it has already is a no-op (Trove). */
export async function switchLog(entry: InstanceEntry, log: GuestLogFile, on: boolean): Promise<void> {
  const { control } = entry.datastore;
  try {
    const snapshot = await entry.datastore.require();
    if (snapshot.logs[log.name]?.enabled === on) return;
    const state = await control.setEnabled(log.definition, on, {
      file: log.target,
      longQueryTimeMs: entry.instance.server?.longQueryTimeMs ?? 0,
    });
    entry.datastore.succeeded(log.name);
    if (on && !state.restartPending) log.relocate(state.file ?? log.target);
    const waits = state.restartPending ? "; takes effect when the datastore restarts (RESTART_REQUIRED)" : "";
    await entry.operations?.info(
      on
        ? `Enabled log '${log.name}': ${control.description} writes it to ${log.target}${waits}`
        : `Disabled log '${log.name}'${waits}`,
    );
  } catch (error) {
    throw await failure(entry, error, `${on ? "enable" : "disable"} log '${log.name}'`, log.name);
  }
}

export async function discardLog(entry: InstanceEntry, log: GuestLogFile): Promise<void> {
  try {
    await log.discard();
  } catch (error) {
    throw await failure(entry, error, `discard log '${log.name}'`);
  }
  await entry.operations?.info(`Discarded the published copy of log '${log.name}'`);
}

/** The guest log line comes first, so that publishing the guest log itself leaves it Published. */
export async function publishLog(
  entry: InstanceEntry,
  log: GuestLogFile,
  onProgress?: (progress: PublishProgress) => void,
): Promise<void> {
  try {
    if (entry.operations) {
      const published = (await log.published()).size;
      await entry.operations.info(
        `Publishing log '${log.name}' from ${log.file} (${published} bytes published before)`,
      );
    }
    await log.publish(onProgress);
  } catch (error) {
    throw await failure(entry, error, `publish log '${log.name}'`);
  }
}

/** Trove's instance restart: the datastore restarts and pending log toggles take effect. */
export async function restartDatastore(entry: InstanceEntry): Promise<void> {
  const { control } = entry.datastore;
  const users = entry.logs.filter((log) => log.definition.type === "USER").map((log) => log.definition);
  try {
    const restarted = await control.restart(users);
    entry.datastore.succeeded();
    await entry.operations?.info(
      restarted
        ? `Restarted the datastore (${control.description}); pending log changes took effect`
        : `Restart asked: ${control.description} switches its logs live and no restart_command is ` +
            "configured; nothing restarted",
    );
  } catch (error) {
    throw await failure(entry, error, "restart the datastore");
  }
}
