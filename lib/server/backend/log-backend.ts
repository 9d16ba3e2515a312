import "server-only";
import type { Instance } from "@/lib/schemas/instance";
import type { KeystoneCatalog } from "@/lib/server/auth/keystone/keystone-catalog";
import type { GuestLog, LogAction } from "@/lib/schemas/log";
import type { FollowBody, FollowState } from "@/lib/schemas/log-follow";
import type { PublishedLog } from "@/lib/server/log-reader/published-log";

/** The signed-in user as the backends see it. */
export interface Caller {
  userId: string;
  projectId: string;
  isAdmin: boolean;
  /** The caller's Keystone token (Keystone mode only; server side, for Swift and Trove calls). */
  token?: string;
  /** The token's service catalog, where the openstack backend finds Trove and Swift. */
  catalog?: KeystoneCatalog;
}

export type CopyAccount = "owner" | "yours";

export interface PublishProgress {
  done: number;
  total: number;
}

/**
 * Where instances and logs come from: the embedded engine, or (later) a real Trove. Route handlers
 * only ever talk to this interface.
 */
export interface LogBackend {
  listInstances(caller: Caller, options: { allProjects: boolean }): Promise<Instance[]>;
  getInstance(caller: Caller, instanceId: string): Promise<Instance>;
  restartInstance(caller: Caller, instanceId: string): Promise<Instance>;
  listLogs(caller: Caller, instanceId: string): Promise<GuestLog[]>;
  /** Trove's log action; `onProgress` reports bytes sent while a publish runs (when the backend knows). */
  logAction(
    caller: Caller,
    instanceId: string,
    action: LogAction,
    onProgress?: (progress: PublishProgress) => void,
  ): Promise<GuestLog>;
  /** Whether tenants see this log (guest_log_exposed_logs); admins see every log. */
  isExposed(instance: Instance, logName: string): boolean;
  /**
   * Whose Swift account a publish by this caller writes into (and the viewer reads): the instance
   * owner's (the embedded service always; a real Trove for the owner's own members), or the caller's
   * own when that is another project's (a real Trove publishes with the caller's token, so an admin's
   * publish of a tenant's log lands in the admin's account).
   */
  copyAccount(caller: Caller, instance: Instance): CopyAccount;
  /** Where the log's published objects are; 404 when nothing is published. */
  openPublishedLog(caller: Caller, instanceId: string, logName: string): Promise<PublishedLog>;
  /**
   * One poll of Follow: new lines without flooding the object store, and never a Disabled log turned
   * on unless `body.enable` says the person agreed (embedded: live lines from the file; a remote
   * Trove: rate-bounded publishes).
   */
  follow(caller: Caller, instanceId: string, logName: string, body: FollowBody): Promise<FollowState>;
}
