import "server-only";
import type { DatastoreType, Instance } from "@/lib/schemas/instance";
import { catalogUrl } from "@/lib/server/auth/keystone/keystone-catalog";
import { isExposed } from "@/lib/server/engine/log-definitions";
import { HttpError } from "@/lib/server/http/errors";
import { troveClient, type TroveEndpoint, type TroveInstance } from "@/lib/server/trove/trove-client";
import type { Caller, LogBackend } from "./log-backend";
import { userSwiftStore } from "./user-swift-store";

export interface OpenstackBackendOptions {
  timeoutMs: number;
  swiftTimeoutMs: number;
  /** The dashboard's copy of Trove's guest_log_exposed_logs, to mark logs hidden from tenants. */
  exposedLogs: Record<DatastoreType, string[]>;
}

function serviceUrl(caller: Caller, type: "database" | "object-store"): string {
  if (!caller.token || !caller.catalog) {
    throw new HttpError(401, "unauthorized", "The openstack backend needs a Keystone session: log in again.");
  }
  const url = catalogUrl(caller.catalog, { type, projectId: caller.projectId });
  const name = type === "database" ? "Trove (database)" : "Swift (object-store)";
  if (!url) throw new HttpError(503, "service_unavailable", `Your Keystone catalog has no ${name} endpoint.`);
  return url;
}

function toInstance(raw: TroveInstance, caller: Caller): Instance {
  return {
    id: raw.id,
    name: raw.name,
    project_id: raw.tenant_id ?? caller.projectId,
    datastore: { type: raw.datastore?.type ?? "unknown", version: raw.datastore?.version ?? "" },
    status: raw.status,
  };
}

/**
 * A real Trove behind the dashboard: instances and log actions go to the catalog's `database`
 * endpoint with the user's token; log contents are read from the catalog's `object-store` with it.
 */
export function createOpenstackBackend(options: OpenstackBackendOptions): LogBackend {
  const trove = (caller: Caller): TroveEndpoint => ({
    url: serviceUrl(caller, "database"),
    token: caller.token!,
    timeoutMs: options.timeoutMs,
  });
  return {
    async listInstances(caller, { allProjects }) {
      const instances = allProjects
        ? await troveClient.listAllInstances(trove(caller))
        : await troveClient.listInstances(trove(caller));
      return instances.map((raw) => toInstance(raw, caller));
    },
    getInstance: async (caller, id) => toInstance(await troveClient.getInstance(trove(caller), id), caller),
    async restartInstance(caller, id) {
      await troveClient.restartInstance(trove(caller), id);
      return toInstance(await troveClient.getInstance(trove(caller), id), caller);
    },
    listLogs: (caller, id) => troveClient.listLogs(trove(caller), id),
    logAction: (caller, id, action) => troveClient.logAction(trove(caller), id, action),
    isExposed: (instance, logName) =>
      isExposed(options.exposedLogs[instance.datastore.type as DatastoreType] ?? ["all"], logName),
    async openPublishedLog(caller, id, logName) {
      const log = await troveClient.logAction(trove(caller), id, { name: logName });
      if (log.published <= 0 || log.container === "None") {
        throw new HttpError(
          404,
          "not_found",
          `Log '${logName}' has nothing published yet; publish it first.`,
        );
      }
      const { store, account } = userSwiftStore(
        serviceUrl(caller, "object-store"),
        caller.token!,
        options.swiftTimeoutMs,
      );
      return { store, account, container: log.container, prefix: log.prefix, size: log.published };
    },
  };
}
