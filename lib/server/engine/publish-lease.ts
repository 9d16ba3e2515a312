import "server-only";

/** The log a lease is for, and where it is published (a lease kept in the object store sits there). */
export interface LeaseTarget {
  /** `<instance id>/<log name>`. */
  key: string;
  account: string;
  container: string;
  /** The lease object's name: beside the log's metafile, outside the prefix troveclient lists. */
  object: string;
}

/**
 * Keeps one publish (or discard) of a log at a time across processes that write into the same
 * account (replicas of the embedded service on one Swift). Within a process KeyedLock already does;
 * a lease must also survive its holder crashing (it expires), so it is given by a shared store.
 */
export interface PublishLease {
  /** Runs `task` once this process holds the lease for `target`; waits while another holds it. */
  hold<T>(target: LeaseTarget, task: () => Promise<T>): Promise<T>;
}
