import "server-only";
import { LRUCache } from "lru-cache";

export interface BackoffPolicy {
  /** Failed attempts allowed before any wait. */
  freeAttempts: number;
  /** The first wait after the free attempts; it doubles with every further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key's failures are forgotten after this long without another one. */
  forgetAfterMs: number;
  /** Keys remembered at most; the least recently used are forgotten first, so memory stays bounded. */
  maxKeys: number;
}

export interface Refusal {
  /** Milliseconds until an attempt may go ahead. */
  retryAfterMs: number;
  /** `backoff`: failures made it wait; `concurrent`: too many attempts are already being checked. */
  reason: "backoff" | "concurrent";
}

export type Outcome = "failed" | "succeeded" | "undecided";

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
  /** Attempts started and not finished: any of them may still fail. */
  pending: number;
}

/** How soon a concurrent attempt may try again: the running ones take a fraction of a second. */
const CONCURRENT_RETRY_MS = 1_000;

/**
 * Failed sign-in attempts per key (a user name, or a client address) and the exponential backoff they
 * earn. Attempts still being checked count as possible failures: a burst of concurrent guesses gets no
 * more tries than the same guesses one after another (past the free ones, one at a time).
 */
export class FailureBackoff {
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LRUCache({ max: policy.maxKeys });
  }

  /** Why an attempt for `key` must wait, or undefined when it may go ahead now. */
  refusal(key: string): Refusal | undefined {
    const entry = this.current(key);
    if (!entry) return undefined;
    const now = this.now();
    if (entry.blockedUntil > now) return { retryAfterMs: entry.blockedUntil - now, reason: "backoff" };
    const inFlight = Math.max(1, this.policy.freeAttempts - entry.failures);
    if (entry.pending >= inFlight) return { retryAfterMs: CONCURRENT_RETRY_MS, reason: "concurrent" };
    return undefined;
  }

  start(key: string): void {
    const entry = this.current(key) ?? { failures: 0, lastFailureAt: 0, blockedUntil: 0, pending: 0 };
    entry.pending += 1;
    this.entries.set(key, entry);
  }

  /** Ends an attempt `start` began: a failure raises the backoff, a success forgets the failures. */
  finish(key: string, outcome: Outcome): void {
    const entry = this.current(key) ?? { failures: 0, lastFailureAt: 0, blockedUntil: 0, pending: 1 };
    entry.pending = Math.max(0, entry.pending - 1);
    if (outcome === "succeeded") Object.assign(entry, { failures: 0, lastFailureAt: 0, blockedUntil: 0 });
    if (outcome === "failed") {
      const now = this.now();
      entry.failures += 1;
      entry.lastFailureAt = now;
      const beyond = entry.failures - this.policy.freeAttempts;
      if (beyond >= 0) {
        const delay = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** Math.min(beyond, 30));
        entry.blockedUntil = Math.max(entry.blockedUntil, now + delay);
      }
    }
    if (entry.failures === 0 && entry.pending === 0) this.entries.delete(key);
    else this.entries.set(key, entry);
  }

  /** Keys remembered now (for tests of the memory bound). */
  get size(): number {
    return this.entries.size;
  }

  /** The key's entry, its failures forgotten when they are old enough; undefined when nothing is left. */
  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const quiet = this.now() - Math.max(entry.lastFailureAt, entry.blockedUntil);
    if (quiet >= this.policy.forgetAfterMs) {
      Object.assign(entry, { failures: 0, lastFailureAt: 0, blockedUntil: 0 });
    }
    if (entry.failures > 0 || entry.pending > 0) return entry;
    this.entries.delete(key);
    return undefined;
  }
}
