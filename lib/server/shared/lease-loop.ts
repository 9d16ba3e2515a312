import "server-only";
import { EngineError } from "@/lib/server/engine/errors";

/** One lease in a shared store (memcached, the object store), as `holdLease` drives it. */
export interface LeaseSlot {
  /** Takes the lease for the TTL when nobody holds it; false while another does. */
  take(): Promise<boolean>;
  /** Extends our lease by the TTL (takes it again if it lapsed unclaimed); false once another has it. */
  renew(): Promise<boolean>;
  /** Gives our lease up; another's is left alone. */
  release(): Promise<void>;
}

export interface LeaseTiming {
  /** Seconds a lease lives without renewal: how long a crashed holder blocks the others. */
  ttlSeconds: number;
  /** How long a publish waits for another replica's to finish before answering 409. */
  maxWaitMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const warn = (what: string, error: unknown) =>
  console.warn(`[trove-logs] could not ${what} a publish lease: ${(error as Error).message}`);

/**
 * Runs `task` while holding `slot`: waits (polling) while another holds it, renews it every third of
 * the TTL while the task runs and gives it up when the task ends. A holder that dies stops renewing,
 * so its lease expires after at most the TTL; the next holder re-reads what was published
 * (GuestLogFile.publish) and continues from there, so nothing is uploaded twice.
 */
export async function holdLease<T>(
  slot: LeaseSlot,
  key: string,
  { ttlSeconds, maxWaitMs }: LeaseTiming,
  task: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + maxWaitMs;
  while (!(await slot.take())) {
    if (Date.now() >= deadline) {
      throw new EngineError(
        "conflict",
        `Log '${key}' is being published by another dashboard replica; try again when it is done.`,
      );
    }
    await sleep(Math.min(500, (ttlSeconds * 1000) / 4));
  }
  // One renewal at a time, and none after the release (it would lay the lease down again).
  let ended = false;
  let renewing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(
      () => {
        renewing = renewOnce(slot, key).finally(() => {
          if (!ended) schedule();
        });
      },
      (ttlSeconds * 1000) / 3,
    );
  };
  schedule();
  try {
    return await task();
  } finally {
    ended = true;
    clearTimeout(timer);
    await renewing;
    await slot.release().catch((error: unknown) => warn("release", error)); // it expires on its own
  }
}

async function renewOnce(slot: LeaseSlot, key: string): Promise<void> {
  try {
    if (!(await slot.renew())) {
      console.warn(`[trove-logs] publish lease of ${key} was lost (expired while this replica held it)`);
    }
  } catch (error) {
    warn("renew", error);
  }
}
