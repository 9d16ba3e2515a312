import "server-only";
import { metrics } from "@/lib/server/ops/metrics";
import { FailureBackoff, type BackoffPolicy, type Outcome, type Refusal } from "./failure-backoff";
import { IdentityError } from "./identity-error";

export interface LoginThrottleOptions {
  /** Per user name: a person mistyping their own password. */
  user: BackoffPolicy;
  /** Per client address: one address guessing many names (and several people behind one NAT). */
  address: BackoffPolicy;
  now?: () => number;
}

/** One sign-in attempt let through; `finish` must be called once with what came of it. */
export interface LoginAttempt {
  finish(outcome: Outcome): void;
}

const inWords = (seconds: number) => (seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`);

function refusalMessage(refusal: Refusal, scope: "user" | "address", seconds: number): string {
  const whose = scope === "user" ? "for this account" : "from your address";
  const what =
    refusal.reason === "backoff"
      ? `Too many failed sign-in attempts ${whose}`
      : `Too many sign-in attempts ${whose} at once`;
  return `${what}; try again in ${inWords(seconds)}.`;
}

/**
 * Throttles sign-in per user name and per client address, independently: failures earn an exponential
 * backoff, and an attempt that has to wait is refused (429) before any password is looked at. A
 * success forgets the failures of its user name and its address.
 */
export class LoginThrottle {
  private readonly users: FailureBackoff;
  private readonly addresses: FailureBackoff;

  constructor(options: LoginThrottleOptions) {
    this.users = new FailureBackoff(options.user, options.now);
    this.addresses = new FailureBackoff(options.address, options.now);
  }

  /** Lets an attempt go ahead, or throws a 429 IdentityError saying how long to wait. */
  begin(userName: string, address: string): LoginAttempt {
    // Names differing only in case or Unicode form are the same account to the throttle.
    const user = userName.normalize("NFKC").toLowerCase();
    const refusals = [
      { scope: "user" as const, refusal: this.users.refusal(user) },
      { scope: "address" as const, refusal: this.addresses.refusal(address) },
    ].filter(
      (candidate): candidate is { scope: "user" | "address"; refusal: Refusal } => !!candidate.refusal,
    );
    const longest = refusals.sort((a, b) => b.refusal.retryAfterMs - a.refusal.retryAfterMs)[0];
    if (longest) {
      const seconds = Math.max(1, Math.ceil(longest.refusal.retryAfterMs / 1000));
      const message = refusalMessage(longest.refusal, longest.scope, seconds);
      metrics().loginThrottled.inc({ scope: longest.scope });
      throw new IdentityError(429, "too_many_requests", message, seconds);
    }
    this.users.start(user);
    this.addresses.start(address);
    let finished = false;
    return {
      finish: (outcome) => {
        if (finished) return;
        finished = true;
        this.users.finish(user, outcome);
        this.addresses.finish(address, outcome);
      },
    };
  }

  /** User names and addresses remembered now. */
  get size(): { users: number; addresses: number } {
    return { users: this.users.size, addresses: this.addresses.size };
  }
}
