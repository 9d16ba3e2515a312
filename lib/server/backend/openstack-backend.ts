import "server-only";
import type { DatastoreType, Instance } from "@/lib/schemas/instance";
import type { GuestLog, LogAction } from "@/lib/schemas/log";
import { catalogUrl } from "@/lib/server/auth/keystone/keystone-catalog";
import { isExposed } from "@/lib/server/engine/log-definitions";
import { HttpError } from "@/lib/server/http/errors";
import type { PublishedLog } from "@/lib/server/log-reader/published-log";
import { isNotFound } from "@/lib/server/object-store/object-store";
import { troveClient, type TroveEndpoint, type TroveInstance } from "@/lib/server/trove/trove-client";
import { troveDetails } from "@/lib/server/trove/trove-details";
import type { Caller, LogBackend } from "./log-backend";
import { RemoteFollow } from "@/lib/server/follow/remote-follow";
import { copyElsewhere, isRefused, newestObject } from "./openstack-copy";
import { ownerOf, rememberOwners } from "./openstack-owners";
import { userSwiftStore } from "./user-swift-store";

export interface OpenstackBackendOptions {
  timeoutMs: number;
  swiftTimeoutMs: number;
  /** The dashboard's copy of Trove's guest_log_exposed_logs, to mark logs hidden from tenants. */
  exposedLogs: Record<DatastoreType, string[]>;
  /** Keystone region of the `database` and `object-store` endpoints (TROVE_LOGS_REGION); unset: any. */
  region?: string;
}

type ServiceType = "database" | "object-store";

/**
 * A real Trove behind the dashboard: instances and log actions go to the catalog's `database`
 * endpoint with the user's token; log contents are read from the catalog's `object-store` with it.
 */
export function createOpenstackBackend(options: OpenstackBackendOptions): LogBackend {
  const serviceUrl = (caller: Caller, type: ServiceType, projectId = caller.projectId): string => {
    if (!caller.token || !caller.catalog) {
      throw new HttpError(
        401,
        "unauthorized",
        "The openstack backend needs a Keystone session: log in again.",
      );
    }
    const url = catalogUrl(caller.catalog, { type, projectId, region: options.region });
    const name = type === "database" ? "Trove (database)" : "Swift (object-store)";
    const where = options.region ? ` in region ${options.region}` : "";
    if (!url)
      throw new HttpError(
        503,
        "service_unavailable",
        `Your Keystone catalog has no ${name} endpoint${where}.`,
      );
    return url;
  };
  const trove = (caller: Caller): TroveEndpoint => ({
    url: serviceUrl(caller, "database"),
    token: caller.token!,
    timeoutMs: options.timeoutMs,
  });
  /** The log's objects in one project's account, read with the caller's token. */
  const copyIn = (caller: Caller, log: GuestLog, projectId?: string): PublishedLog => {
    const url = serviceUrl(caller, "object-store", projectId);
    const { store, account } = userSwiftStore(url, caller.token!, options.swiftTimeoutMs);
    return { store, account, container: log.container, prefix: log.prefix, size: log.published };
  };
  const listAll = (caller: Caller) => troveClient.listAllInstances(trove(caller));
  const toInstance = (raw: TroveInstance, projectId: string): Instance => ({
    id: raw.id,
    name: raw.name,
    project_id: projectId,
    datastore: { type: raw.datastore?.type ?? "unknown", version: raw.datastore?.version ?? "" },
    status: raw.status,
  });
  const getInstance = async (caller: Caller, id: string): Promise<Instance> => {
    const raw = await troveClient.getInstance(trove(caller), id);
    return { ...toInstance(raw, await ownerOf(caller, raw, () => listAll(caller))), ...troveDetails(raw) };
  };

  /**
   * Publish + discard ("a full copy here"): Trove's guest deletes the metafile from the caller's
   * account before it publishes again, and fails (a Swift 404 as a 400) when the caller never
   * published there. A plain publish first writes that metafile; then the discard succeeds.
   */
  async function fullCopy(caller: Caller, id: string, action: LogAction): Promise<GuestLog> {
    const shown = await troveClient.logAction(trove(caller), id, { name: action.name });
    // Nothing counted as published: nothing to discard (and Trove's discard would fail the same way).
    if (shown.published <= 0 || shown.container === "None") {
      return troveClient.logAction(trove(caller), id, { ...action, discard: false });
    }
    const copy = copyIn(caller, shown);
    const hasMetafile = await copy.store.headObject(copy.account, copy.container, shown.metafile).then(
      () => true,
      (error: unknown) => (isNotFound(error) ? false : Promise.reject(error)),
    );
    if (!hasMetafile) await troveClient.logAction(trove(caller), id, { name: action.name, publish: true });
    return troveClient.logAction(trove(caller), id, action);
  }

  const following = new RemoteFollow();

  return {
    async listInstances(caller, { allProjects }) {
      if (!allProjects) {
        // Trove lists the token's project's instances only, admins' too.
        const instances = await troveClient.listInstances(trove(caller));
        return instances.map((raw) => toInstance(raw, raw.tenant_id ?? caller.projectId));
      }
      const instances = await listAll(caller);
      rememberOwners(instances);
      return instances.map((raw) => toInstance(raw, raw.tenant_id ?? caller.projectId));
    },
    getInstance,
    async restartInstance(caller, id) {
      await troveClient.restartInstance(trove(caller), id);
      return getInstance(caller, id);
    },
    listLogs: (caller, id) => troveClient.listLogs(trove(caller), id),
    logAction: (caller, id, action) =>
      action.publish && action.discard
        ? fullCopy(caller, id, action)
        : troveClient.logAction(trove(caller), id, action),
    isExposed: (instance, logName) =>
      isExposed(options.exposedLogs[instance.datastore.type as DatastoreType] ?? ["all"], logName),
    copyAccount: (caller, instance) => (instance.project_id === caller.projectId ? "owner" : "yours"),
    async openPublishedLog(caller, id, logName) {
      const log = await troveClient.logAction(trove(caller), id, { name: logName });
      if (log.published <= 0 || log.container === "None") {
        throw new HttpError(
          404,
          "not_found",
          `Log '${logName}' has nothing published yet; publish it first.`,
        );
      }
      // Where Trove wrote what this caller published: the caller's own account.
      const own = copyIn(caller, log);
      const ownLast = await newestObject(own);
      if (ownLast) return { ...own, lastObject: ownLast };
      const owner = (await getInstance(caller, id)).project_id;
      if (owner !== caller.projectId) {
        // An admin on another project's instance: the project's own copy, if Swift lets this token read it.
        const theirs = copyIn(caller, log, owner);
        const theirLast = await newestObject(theirs).catch((error: unknown) =>
          isRefused(error) ? undefined : Promise.reject(error),
        );
        if (theirLast) return { ...theirs, lastObject: theirLast };
      }
      throw copyElsewhere(log, owner === caller.projectId);
    },
    follow(caller, id, logName, body) {
      const ask = (action: Omit<LogAction, "name">) =>
        troveClient.logAction(trove(caller), id, { name: logName, ...action });
      // Trove writes the copy into the caller's account: the schedule is per account and log.
      const key = `${caller.projectId}/${id}/${logName}`;
      return following.poll(
        key,
        { show: () => ask({}), publish: () => ask({ publish: true }), enable: () => ask({ enable: true }) },
        body,
      );
    },
  };
}
