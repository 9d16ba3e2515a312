import "server-only";
import type { DatastoreType } from "@/lib/schemas/instance";
import { demoLogKind } from "./demo-instances";
import {
  seedDemoLogs,
  startDemoWriters,
  type DemoLogTarget,
  type DemoWriterOptions,
  type DemoWriters,
  type IsLogging,
} from "./demo-writer";

/** The parts of an engine instance the writers need (EngineInstance satisfies it). */
export interface DemoWritableInstance {
  id: string;
  datastore: { type: DatastoreType; version: string };
  /** Log name → file. */
  logFiles: Record<string, string>;
}

/** Every log of these instances that a demo writer can imitate. */
export function demoLogTargets(instances: readonly DemoWritableInstance[]): DemoLogTarget[] {
  const targets: DemoLogTarget[] = [];
  for (const instance of instances) {
    for (const [logName, file] of Object.entries(instance.logFiles)) {
      const kind = demoLogKind(instance.datastore.type, logName);
      if (!kind) continue;
      targets.push({
        instanceId: instance.id,
        logName,
        kind,
        file,
        datastore: instance.datastore.type,
        version: instance.datastore.version,
      });
    }
  }
  return targets;
}

/** Demo mode: a backlog for logs that have no file yet, then writers that keep the logging ones growing. */
export async function startWritersForDemo(
  instances: readonly DemoWritableInstance[],
  isLogging: IsLogging,
  options: Omit<DemoWriterOptions, "logs" | "isLogging"> = {},
): Promise<DemoWriters> {
  const logs = demoLogTargets(instances);
  await seedDemoLogs(logs, isLogging, { random: options.random, now: options.now, onError: options.onError });
  return startDemoWriters({ ...options, logs, isLogging });
}
