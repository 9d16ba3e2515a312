import "server-only";
import { metrics } from "@/lib/server/ops/metrics";

/** No slot for this search now: the message says why, `retryAfterSeconds` when to try again. */
export class SearchBusyError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "SearchBusyError";
  }
}

export interface SearchLimits {
  /** Searches one user may have running or waiting. */
  perUser: number;
  /** Searches running at once in this process. */
  running: number;
  /** Searches waiting for a running one to end; beyond it they are refused. */
  queue: number;
}

/** A search's place: it runs at once (`ahead` 0) or waits behind `ahead` others. Release it exactly when it ends. */
export interface SearchSlot {
  readonly ahead: number;
  /** Resolves when the search may run; rejects with the signal's reason when it is abandoned first. */
  ready(signal: AbortSignal): Promise<void>;
  /** Ends the search's hold (running or waiting); later calls do nothing. */
  release(): void;
}

const RETRY_AFTER_SECONDS = 5;

/** Caps concurrent searches per user and per process, with a bounded FIFO queue for the process cap. */
export class SearchSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly perUser = new Map<string, number>();

  constructor(private readonly limits: SearchLimits) {}

  /** Takes a slot for `user` or throws SearchBusyError (the answer is then a 429). */
  reserve(user: string): SearchSlot {
    const mine = this.perUser.get(user) ?? 0;
    if (mine >= this.limits.perUser) {
      metrics().searchRefused.inc({ reason: "per_user" });
      throw new SearchBusyError(
        `You already have ${mine} searches running, the most one person may run at a time. ` +
          "Let one finish or stop it, then search again.",
        RETRY_AFTER_SECONDS,
      );
    }
    const runsNow = this.running < this.limits.running && this.waiting.length === 0;
    if (!runsNow && this.waiting.length >= this.limits.queue) {
      metrics().searchRefused.inc({ reason: "queue_full" });
      throw new SearchBusyError(
        `The server is busy with other searches (${this.running} running, ${this.waiting.length} ` +
          "waiting). Try again in a few seconds.",
        RETRY_AFTER_SECONDS,
      );
    }
    this.perUser.set(user, mine + 1);
    let state: "running" | "waiting" | "released" = "waiting";
    let grant = () => {};
    const granted = new Promise<void>((resolve) => (grant = resolve));
    const start = () => {
      state = "running";
      this.running += 1;
      grant();
    };
    if (runsNow) start();
    else this.waiting.push(start);
    const ahead = runsNow ? 0 : this.waiting.length;
    return {
      ahead,
      ready: (signal) =>
        new Promise<void>((resolve, reject) => {
          if (signal.aborted) return reject(signal.reason);
          signal.addEventListener("abort", () => reject(signal.reason), { once: true });
          void granted.then(resolve);
        }),
      release: () => {
        if (state === "released") return;
        if (state === "running") this.running -= 1;
        else this.waiting.splice(this.waiting.indexOf(start), 1);
        state = "released";
        const left = (this.perUser.get(user) ?? 1) - 1;
        if (left) this.perUser.set(user, left);
        else this.perUser.delete(user);
        while (this.running < this.limits.running && this.waiting.length) this.waiting.shift()!();
      },
    };
  }

  /** Searches running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
