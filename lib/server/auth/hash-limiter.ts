import "server-only";
import pLimit, { type LimitFunction } from "p-limit";
import { IdentityError } from "./identity-error";
import { verifyPassword } from "./password-hash";
import { ScryptWorkers } from "./scrypt-workers";

export interface HashLimiterOptions {
  /** Hashes computed at once. */
  concurrency: number;
  /** Hashes allowed to wait for a turn; beyond that, sign-in is refused at once. */
  queue: number;
}

/**
 * Bounds the password hashes in progress, and runs them in low-priority worker threads. Unbounded on
 * libuv's thread pool (4 threads, shared with the object store's file reads), a flood of sign-ins
 * queued every read behind the hashing. When the queue is full the attempt is refused at once (503,
 * try again in a moment) rather than waiting without end.
 */
export class HashLimiter {
  private readonly limit: LimitFunction;
  private readonly workers: ScryptWorkers;

  constructor(private readonly options: HashLimiterOptions) {
    this.limit = pLimit(options.concurrency);
    this.workers = new ScryptWorkers(options.concurrency);
  }

  /** Checks a password against a stored hash, in turn. */
  verify(password: string, stored: string): Promise<boolean> {
    return this.run(() =>
      verifyPassword(password, stored, (secret, salt, keyLength, options) =>
        this.workers.derive(secret, salt, keyLength, options),
      ),
    );
  }

  run<T>(hash: () => Promise<T>): Promise<T> {
    const { activeCount, pendingCount } = this.limit;
    if (activeCount + pendingCount >= this.options.concurrency + this.options.queue) {
      return Promise.reject(
        new IdentityError(
          503,
          "service_unavailable",
          "The server is busy checking other sign-ins; try again in a moment.",
          1,
        ),
      );
    }
    return this.limit(hash);
  }

  /** Hashes running and waiting now. */
  get load(): { active: number; waiting: number } {
    return { active: this.limit.activeCount, waiting: this.limit.pendingCount };
  }
}
