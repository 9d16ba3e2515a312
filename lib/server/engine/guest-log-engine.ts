import "server-only";
import type { DatastoreType } from "@/lib/schemas/instance";
import type { GuestLog, LogAction } from "@/lib/schemas/log";
import type { Instance } from "@/lib/schemas/instance";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { badRequest, forbidden, notFound } from "./errors";
import { GuestLogFile, type PublishProgress } from "./guest-log";
import { isExposed, LOG_DEFINITIONS } from "./log-definitions";
import { LogSettings } from "./log-settings";
import { KeyedLock } from "./keyed-lock";

export interface EngineInstance {
  id: string;
  name: string;
  projectId: string;
  datastore: { type: DatastoreType; version: string };
  /** Log name → file the datastore writes it to; every log the datastore defines must be present. */
  logFiles: Record<string, string>;
}

/** Who asks: Trove scopes every call to the token's project; admins may reach any project. */
export interface Caller {
  projectId: string;
  isAdmin: boolean;
}

export interface EngineOptions {
  store: ObjectStore;
  instances: EngineInstance[];
  settingsFile: string;
  containerName: string;
  limit: number;
  expiry: number;
  exposedLogs: Record<DatastoreType, string[]>;
  nowMillis?: () => number;
}

interface InstanceEntry {
  instance: EngineInstance;
  logs: GuestLogFile[];
}

/** The embedded Trove guest-log service: Trove's log API semantics over local files and an object store. */
export class GuestLogEngine {
  private readonly entries = new Map<string, InstanceEntry>();
  private readonly locks = new KeyedLock();

  constructor(private readonly options: EngineOptions) {
    const settings = new LogSettings(options.settingsFile);
    const deps = { ...options, settings, nowMillis: options.nowMillis ?? Date.now };
    for (const instance of options.instances) {
      const logs = LOG_DEFINITIONS[instance.datastore.type].map((definition) => {
        const file = instance.logFiles[definition.name];
        if (!file) throw new Error(`instance ${instance.id} has no file for log '${definition.name}'`);
        return new GuestLogFile(
          instance.id,
          instance.projectId,
          instance.datastore.type,
          definition,
          file,
          deps,
        );
      });
      this.entries.set(instance.id, { instance, logs });
    }
  }

  private view({ instance, logs }: InstanceEntry): Instance {
    return {
      id: instance.id,
      name: instance.name,
      project_id: instance.projectId,
      datastore: { ...instance.datastore },
      status: logs.some((log) => log.restartPending) ? "RESTART_REQUIRED" : "ACTIVE",
    };
  }

  /** Another project's instance is reported missing, as Trove does, so ids do not leak. */
  private entry(caller: Caller, instanceId: string): InstanceEntry {
    const entry = this.entries.get(instanceId);
    if (!entry || (!caller.isAdmin && entry.instance.projectId !== caller.projectId)) {
      throw notFound(`Instance ${instanceId} could not be found.`);
    }
    return entry;
  }

  private exposed(entry: InstanceEntry, log: GuestLogFile): boolean {
    return isExposed(this.options.exposedLogs[entry.instance.datastore.type] ?? [], log.name);
  }

  /** The log, if the caller may act on it: unknown → 404, not exposed to a member → 403. */
  private log(caller: Caller, instanceId: string, logName: string): GuestLogFile {
    const entry = this.entry(caller, instanceId);
    const log = entry.logs.find((candidate) => candidate.name === logName);
    if (!log) throw notFound(`Log '${logName}' is not defined.`);
    if (!caller.isAdmin && !this.exposed(entry, log))
      throw forbidden(`You must be admin to show log '${logName}'.`);
    return log;
  }

  listInstances(caller: Caller, allProjects = false): Instance[] {
    if (allProjects && !caller.isAdmin)
      throw forbidden("Only administrators can list instances of all projects.");
    return [...this.entries.values()]
      .filter((entry) => allProjects || entry.instance.projectId === caller.projectId)
      .map((entry) => this.view(entry));
  }

  getInstance(caller: Caller, instanceId: string): Instance {
    return this.view(this.entry(caller, instanceId));
  }

  async listLogs(caller: Caller, instanceId: string): Promise<GuestLog[]> {
    const entry = this.entry(caller, instanceId);
    const visible = entry.logs.filter((log) => caller.isAdmin || this.exposed(entry, log));
    return Promise.all(visible.map((log) => log.show()));
  }

  /** Trove's guest_log_action order: validate, toggle, then discard, then publish, then show. */
  async logAction(
    caller: Caller,
    instanceId: string,
    action: LogAction,
    onProgress?: (progress: PublishProgress) => void,
  ): Promise<GuestLog> {
    if (action.enable && action.disable) throw badRequest("Cannot enable and disable log.");
    const log = this.log(caller, instanceId, action.name);
    const enable = action.enable || (action.publish && !action.disable);
    if (log.definition.type === "SYS" && (action.enable || action.disable) && !action.publish) {
      throw badRequest(`Cannot ${action.enable ? "enable" : "disable"} a SYSTEM log ('${log.name}').`);
    }
    if (log.definition.type === "USER") {
      if (enable) log.setEnabled(true);
      else if (action.disable) log.setEnabled(false);
    }
    if (action.discard || action.publish) {
      await this.locks.run(`${instanceId}/${log.name}`, async () => {
        if (action.discard) await log.discard();
        if (action.publish) await log.publish(onProgress);
      });
    }
    return log.show();
  }

  /** Trove's instance restart: pending log toggles take effect. */
  restartInstance(caller: Caller, instanceId: string): Instance {
    const entry = this.entry(caller, instanceId);
    for (const log of entry.logs) log.completeRestart();
    return this.view(entry);
  }

  /** For readers: where the log's published objects are (after the same access checks as an action). */
  async locatePublished(caller: Caller, instanceId: string, logName: string) {
    const log = this.log(caller, instanceId, logName);
    const state = await log.published();
    if (state.size === 0) throw notFound(`Log '${logName}' has nothing published yet; publish it first.`);
    return { ...log.location, prefix: log.prefix, size: state.size };
  }

  publishProgress(caller: Caller, instanceId: string, logName: string): PublishProgress | undefined {
    return this.log(caller, instanceId, logName).publishProgress;
  }

  /** For the demo writers: does the datastore write this log right now? */
  isLogging(instanceId: string, logName: string): boolean {
    const log = this.entries.get(instanceId)?.logs.find((candidate) => candidate.name === logName);
    return log?.isLogging ?? false;
  }
}
