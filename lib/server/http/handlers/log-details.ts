import "server-only";
import type { Instance } from "@/lib/schemas/instance";
import type { GuestLog } from "@/lib/schemas/log";
import type { LogDetails } from "@/lib/schemas/log-view";
import type { Caller } from "@/lib/server/backend/log-backend";
import { PublishJobs } from "@/lib/server/backend/publish-jobs";
import type { Runtime } from "@/lib/server/runtime";

/**
 * Trove's log object plus what the dashboard shows: exposure, a running publish, the last failures,
 * and whose account the caller's copy is in.
 */
export async function toLogDetails(
  runtime: Runtime,
  caller: Caller,
  instance: Instance,
  log: GuestLog,
): Promise<LogDetails> {
  // Shared by replicas when memcached is configured: a publish running on another one shows here.
  const { job, failure } = await runtime.publishJobs.view(PublishJobs.key(instance.id, log.name));
  const fault = runtime.engine.logFault(instance.id, log.name);
  return {
    ...log,
    exposed: runtime.backend.isExposed(instance, log.name),
    publishing: job ? { done: job.done, total: job.total, started_at: job.startedAt } : null,
    publish_error: failure ?? null,
    datastore_error: fault ? { message: fault.message, at: fault.created } : null,
    copy_account: runtime.backend.copyAccount(caller, instance),
  };
}
