import "server-only";
import { chooseFormat } from "@/lib/log-format";
import type { Caller } from "@/lib/server/backend/log-backend";
import type { Runtime } from "@/lib/server/runtime";

/**
 * An instance's datastore never changes: once known, a jump or a timeline does not ask for the instance
 * again (a Trove call, or a look at its server, on every request). Access is checked by openPublishedLog.
 */
const datastores = new Map<string, string>();
const MAX_DATASTORES = 10_000;

async function datastoreOf(runtime: Runtime, caller: Caller, instanceId: string): Promise<string> {
  const known = datastores.get(instanceId);
  if (known) return known;
  const type = (await runtime.backend.getInstance(caller, instanceId)).datastore.type;
  if (datastores.size >= MAX_DATASTORES) datastores.clear();
  datastores.set(instanceId, type);
  return type;
}

/** The format a log's lines are in (from its instance's datastore). */
export async function formatOf(runtime: Runtime, caller: Caller, instanceId: string, logName: string) {
  return chooseFormat(await datastoreOf(runtime, caller, instanceId), logName);
}

/** The published log, and the format its lines are in. */
export async function openTimedLog(runtime: Runtime, caller: Caller, instanceId: string, logName: string) {
  const [log, format] = await Promise.all([
    runtime.backend.openPublishedLog(caller, instanceId, logName),
    formatOf(runtime, caller, instanceId, logName),
  ]);
  return { log, format };
}
