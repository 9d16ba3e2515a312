import "server-only";

/**
 * Keeps one publish (or discard) of a log at a time across processes that write into the same
 * account (replicas of the embedded service on one Swift). Within a process KeyedLock already does;
 * a lease must also survive its holder crashing (it expires), so it is given by a shared store.
 */
export interface PublishLease {
  /** Runs `task` once this process holds the lease for `key`; waits while another holds it. */
  hold<T>(key: string, task: () => Promise<T>): Promise<T>;
}
