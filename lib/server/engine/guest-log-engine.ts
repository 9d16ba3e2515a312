import "server-only";
import type { DatastoreType } from "@/lib/schemas/instance";
import type { GuestLog, LogAction } from "@/lib/schemas/log";
import type { Instance } from "@/lib/schemas/instance";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { trackPublish } from "@/lib/server/ops/publishes-in-flight";
import type { DatastoreSnapshot } from "./datastore/datastore-control";
import type { ServerSettings } from "./datastore/server-settings";
import { badRequest, EngineError, forbidden, notFound } from "./errors";
import type { GuestLogFile, PublishProgress } from "./guest-log";
import type { Fault } from "./instance-datastore";
import { createInstanceEntry, refreshEntry, type InstanceEntry } from "./instance-entry";
import { InstanceRecords } from "./instance-records";
import { discardLog, publishLog, restartDatastore, switchLog } from "./instance-operations";
import { isExposed } from "./log-definitions";
import { LogSettings } from "./log-settings";
import { KeyedLock } from "./keyed-lock";
import { leaseName } from "./object-names";
import type { PublishLease } from "./publish-lease";

export interface EngineInstance {
  id: string;
  name: string;
  projectId: string;
  datastore: { type: DatastoreType; version: string };
  /** Trove's flavor and volume size (GB) of the instance, when the configuration names them. */
  flavorId?: string;
  volumeSize?: number;
  /** Log name → file the datastore writes it to; every log the datastore defines must be present. */
  logFiles: Record<string, string>;
  /**
   * A real MariaDB/MySQL or PostgreSQL server whose logs are switched for real. Without it the logs
   * are plain files whose enabled flags Trove Logs keeps (the demo, file-backed instances).
   */
  server?: {
    settings: ServerSettings;
    /** Trove's guest_log_long_query_time, in milliseconds. */
    longQueryTimeMs: number;
    /** Ask the server where its error log is (the configuration names no file for it). */
    locateErrorLog: boolean;
  };
  /**
   * Trove Logs writes the `guest` log itself: what it did for the instance and every failure (the
   * operations log). Always so with a real server; the demo asks for it too, so that its guest log
   * tells what really happened.
   */
  operationsLog?: boolean;
}

/** Told that a log's datastore has just started writing it. */
export type LoggingStarted = (instanceId: string, logName: string) => Promise<void>;

/** Who asks: Trove scopes every call to the token's project; admins may reach any project. */
export interface Caller {
  projectId: string;
  isAdmin: boolean;
}

export interface EngineOptions {
  store: ObjectStore;
  /** Replicas sharing the account: a publish of one log runs in one of them at a time. */
  lease?: PublishLease;
  /** Replicas publish into the same store: published state is re-checked against the metafile. */
  sharedStore?: boolean;
  instances: EngineInstance[];
  settingsFile: string;
  /** Where instances' created/updated times are kept (in memory only without it). */
  recordsFile?: string;
  containerName: string;
  limit: number;
  expiry: number;
  exposedLogs: Record<DatastoreType, string[]>;
  nowMillis?: () => number;
}

/** What Trove's API shows of an instance besides the dashboard's view (ISO 8601 times). */
export interface InstanceFacts {
  flavorId?: string;
  volumeSize?: number;
  created: string;
  updated: string;
  /** When the datastore's state was last read; undefined before the first read. */
  checked?: string;
}

/** The embedded Trove guest-log service: Trove's log API semantics over local files and an object store. */
export class GuestLogEngine {
  private readonly entries = new Map<string, InstanceEntry>();
  private readonly locks = new KeyedLock();
  private readonly records: InstanceRecords;
  private readonly loggingListeners = new Set<LoggingStarted>();

  constructor(private readonly options: EngineOptions) {
    const settings = new LogSettings(options.settingsFile);
    const deps = { ...options, nowMillis: options.nowMillis ?? Date.now };
    for (const instance of options.instances) {
      this.entries.set(instance.id, createInstanceEntry(instance, settings, deps));
    }
    this.records = new InstanceRecords(options.recordsFile, deps.nowMillis);
    this.records.register(
      [...this.entries.values()].map(({ instance, datastore }) => ({
        id: instance.id,
        status: datastore.status,
      })),
    );
  }

  private view({ instance, datastore }: InstanceEntry): Instance {
    const fault = datastore.instanceFault;
    const status = datastore.status;
    this.records.observe(instance.id, status);
    return {
      id: instance.id,
      name: instance.name,
      project_id: instance.projectId,
      datastore: { ...instance.datastore },
      status,
      ...(fault ? { fault: { message: fault.message, created: fault.created } } : {}),
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

  private visible(caller: Caller, allProjects: boolean): InstanceEntry[] {
    if (allProjects && !caller.isAdmin)
      throw forbidden("Only administrators can list instances of all projects.");
    return [...this.entries.values()].filter(
      (entry) => allProjects || entry.instance.projectId === caller.projectId,
    );
  }

  /** The instances with the status last seen (see checkInstances for a fresh look). */
  listInstances(caller: Caller, allProjects = false): Instance[] {
    return this.visible(caller, allProjects).map((entry) => this.view(entry));
  }

  getInstance(caller: Caller, instanceId: string): Instance {
    return this.view(this.entry(caller, instanceId));
  }

  /** The instances after asking their servers how they are (all at once; each read has its timeout). */
  async checkInstances(caller: Caller, allProjects = false): Promise<Instance[]> {
    const entries = this.visible(caller, allProjects);
    await Promise.all(entries.map((entry) => refreshEntry(entry)));
    return entries.map((entry) => this.view(entry));
  }

  async checkInstance(caller: Caller, instanceId: string): Promise<Instance> {
    const entry = this.entry(caller, instanceId);
    await refreshEntry(entry);
    return this.view(entry);
  }

  private show(log: GuestLogFile, snapshot: DatastoreSnapshot | undefined): Promise<GuestLog> {
    return log.show(snapshot?.logs[log.name]);
  }

  async listLogs(caller: Caller, instanceId: string): Promise<GuestLog[]> {
    const entry = this.entry(caller, instanceId);
    const visible = entry.logs.filter((log) => caller.isAdmin || this.exposed(entry, log));
    const snapshot = await refreshEntry(entry);
    return Promise.all(visible.map((log) => this.show(log, snapshot)));
  }

  /** Trove's guest_log_action order: validate, toggle, then discard, then publish, then show. */
  async logAction(
    caller: Caller,
    instanceId: string,
    action: LogAction,
    onProgress?: (progress: PublishProgress) => void,
  ): Promise<GuestLog> {
    const entry = this.entry(caller, instanceId);
    if (action.enable && action.disable) throw badRequest("Cannot enable and disable log.");
    // Trove's guest refuses a SYS log's toggle before it looks at the log's exposure.
    const type = entry.logs.find((candidate) => candidate.name === action.name)?.definition.type;
    if (type === "SYS" && (action.enable || action.disable) && !action.publish) {
      throw badRequest(`Cannot ${action.enable ? "enable" : "disable"} a SYSTEM log ('${action.name}').`);
    }
    const log = this.log(caller, instanceId, action.name);
    const enable = action.enable || (action.publish && !action.disable);
    if (log.definition.type === "USER" && (enable || action.disable)) {
      const on = Boolean(enable);
      await this.locks.run(`${instanceId}#datastore`, () => switchLog(entry, log, on));
      if (on) await this.loggingStarted(instanceId, log.name);
    }
    if (action.discard || action.publish) {
      await this.exclusive(instanceId, log, async () => {
        await refreshEntry(entry);
        if (action.discard) await discardLog(entry, log);
        if (action.publish) await trackPublish(() => publishLog(entry, log, onProgress));
      });
    }
    return this.show(log, await refreshEntry(entry));
  }

  /** For Follow: the log as Trove shows it and the file it is read from (same access checks as an action). */
  async followView(caller: Caller, instanceId: string, logName: string) {
    const entry = this.entry(caller, instanceId);
    const log = this.log(caller, instanceId, logName);
    return { log: await this.show(log, await refreshEntry(entry)), file: log.file };
  }

  /**
   * Follow's publish. Unlike Trove's publish it never turns a USER log on: a log someone disabled
   * while it was followed stays off (409), checked under the same lock as the publish.
   */
  async publishIfEnabled(caller: Caller, instanceId: string, logName: string): Promise<GuestLog> {
    const entry = this.entry(caller, instanceId);
    const log = this.log(caller, instanceId, logName);
    await this.exclusive(instanceId, log, async () => {
      const shown = await this.show(log, await refreshEntry(entry));
      if (shown.status === "Disabled") {
        throw new EngineError("conflict", `Log '${logName}' was disabled; Follow does not turn it back on.`);
      }
      await publishLog(entry, log);
    });
    return this.show(log, await refreshEntry(entry));
  }

  /** Runs a publish or discard of the log as the only one: in this process (lock) and among replicas (lease). */
  private exclusive(instanceId: string, log: GuestLogFile, work: () => Promise<void>): Promise<void> {
    const key = `${instanceId}/${log.name}`;
    const lease = this.options.lease;
    if (!lease) return this.locks.run(key, work);
    const { account, container } = log.location;
    const target = { key, account, container, object: leaseName(log.prefix) };
    return this.locks.run(key, () => lease.hold(target, work));
  }

  /** Trove's instance restart: pending log toggles take effect. */
  async restartInstance(caller: Caller, instanceId: string): Promise<Instance> {
    const entry = this.entry(caller, instanceId);
    await this.locks.run(`${instanceId}#datastore`, () => restartDatastore(entry));
    this.records.touch(instanceId);
    await refreshEntry(entry, true);
    return this.view(entry);
  }

  /** Trove's facts of an instance the caller was allowed to see (call after getInstance/listInstances). */
  troveFacts(instanceId: string): InstanceFacts | undefined {
    const entry = this.entries.get(instanceId);
    if (!entry) return undefined;
    const { created, updated } = this.records.observe(instanceId, entry.datastore.status);
    const checkedAt = entry.datastore.checkedAt;
    return {
      flavorId: entry.instance.flavorId,
      volumeSize: entry.instance.volumeSize,
      created,
      updated,
      checked: checkedAt ? new Date(checkedAt).toISOString() : undefined,
    };
  }

  /** For readers: where the log's published objects are (after the same access checks as an action). */
  async locatePublished(caller: Caller, instanceId: string, logName: string) {
    const log = this.log(caller, instanceId, logName);
    const state = await log.published();
    if (state.size === 0) throw notFound(`Log '${logName}' has nothing published yet; publish it first.`);
    return { ...log.location, prefix: log.prefix, size: state.size, lastObject: state.lastObject };
  }

  publishProgress(caller: Caller, instanceId: string, logName: string): PublishProgress | undefined {
    return this.log(caller, instanceId, logName).publishProgress;
  }

  /** Why a log is not as asked (its last failed switch, or its server cannot be read); for the dashboard. */
  logFault(instanceId: string, logName: string): Fault | undefined {
    const entry = this.entries.get(instanceId);
    const log = entry?.logs.find((candidate) => candidate.name === logName);
    return entry && log ? entry.datastore.logFault(log.definition) : undefined;
  }

  /**
   * For the demo writers: told when a USER log is switched on and the datastore writes it at once,
   * before the same action publishes (as a server's first line lands when logging starts).
   */
  onLoggingStarted(listener: LoggingStarted): () => void {
    this.loggingListeners.add(listener);
    return () => this.loggingListeners.delete(listener);
  }

  private async loggingStarted(instanceId: string, logName: string): Promise<void> {
    if (!this.isLogging(instanceId, logName)) return; // waits for a restart
    await Promise.all([...this.loggingListeners].map((listener) => listener(instanceId, logName)));
  }

  /** For the demo writers: does the datastore write this log right now? */
  isLogging(instanceId: string, logName: string): boolean {
    const entry = this.entries.get(instanceId);
    const log = entry?.logs.find((candidate) => candidate.name === logName);
    if (!entry || !log) return false;
    if (log.definition.type === "SYS") return true;
    const state = entry.datastore.control.known(log.definition);
    return state ? state.enabled !== state.restartPending : false;
  }

  async close(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => entry.datastore.control.close()));
  }
}
