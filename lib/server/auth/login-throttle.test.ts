import { describe, expect, it } from "vitest";
import type { BackoffPolicy } from "./failure-backoff";
import { isIdentityError } from "./identity-error";
import { LoginThrottle } from "./login-throttle";

const policy = (overrides: Partial<BackoffPolicy> = {}): BackoffPolicy => ({
  freeAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  forgetAfterMs: 3_600_000,
  maxKeys: 100,
  ...overrides,
});

function setup(user: Partial<BackoffPolicy> = {}, address: Partial<BackoffPolicy> = {}) {
  let now = 1_000_000;
  const throttle = new LoginThrottle({
    user: policy(user),
    address: policy({ freeAttempts: 10, ...address }),
    now: () => now,
  });
  /** What the throttle answers an attempt: "ok" (then it ends as `outcome`), or the 429's details. */
  const attempt = (name: string, client: string, outcome: "failed" | "succeeded" = "failed") => {
    try {
      throttle.begin(name, client).finish(outcome);
      return "ok";
    } catch (error) {
      if (!isIdentityError(error)) throw error;
      return { status: error.status, retryAfter: error.retryAfterSeconds, message: error.message };
    }
  };
  return { throttle, attempt, advance: (ms: number) => (now += ms) };
}

describe("login throttle", () => {
  it("lets the free attempts through, then makes each failure wait twice as long, up to the cap", () => {
    const { attempt, advance } = setup({ maxDelayMs: 8_000 });
    for (let i = 0; i < 3; i += 1) expect(attempt("demo", "10.0.0.1")).toBe("ok");
    expect(attempt("demo", "10.0.0.1")).toEqual({
      status: 429,
      retryAfter: 1,
      message: "Too many failed sign-in attempts for this account; try again in 1 s.",
    });
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const refused = attempt("demo", "10.0.0.1") as { retryAfter: number };
      waits.push(refused.retryAfter);
      advance(refused.retryAfter * 1000);
      expect(attempt("demo", "10.0.0.1")).toBe("ok"); // the next failure raises the wait
    }
    expect(waits).toEqual([1, 2, 4, 8, 8, 8]);
  });

  it("answers Retry-After as the seconds left, rounded up, and says it in words", () => {
    const { attempt, advance } = setup({ freeAttempts: 1, baseDelayMs: 20_000, maxDelayMs: 600_000 });
    attempt("demo", "a");
    advance(4_500);
    expect(attempt("demo", "a")).toMatchObject({ retryAfter: 16, message: /try again in 16 s\.$/ });
    advance(15_500);
    attempt("demo", "a"); // second failure: 40 s
    attempt("demo", "a");
    advance(40_000);
    attempt("demo", "a");
    advance(80_000);
    attempt("demo", "a"); // fourth failure: 160 s
    expect(attempt("demo", "a")).toMatchObject({ retryAfter: 160, message: /try again in 3 min\.$/ });
  });

  it("lets the right password in once the backoff has passed, and a success forgets the failures", () => {
    const { attempt, advance } = setup();
    for (let i = 0; i < 3; i += 1) attempt("demo", "a");
    expect(attempt("demo", "a", "succeeded")).toMatchObject({ status: 429 }); // not even checked
    advance(1_000);
    expect(attempt("demo", "a", "succeeded")).toBe("ok");
    // All three free attempts again, and the next failure waits 1 s, not more.
    for (let i = 0; i < 3; i += 1) expect(attempt("demo", "a")).toBe("ok");
    expect(attempt("demo", "a")).toMatchObject({ retryAfter: 1 });
  });

  it("counts user names and addresses independently", () => {
    const { attempt } = setup({}, { freeAttempts: 5 });
    for (let i = 0; i < 3; i += 1) attempt("demo", "10.0.0.1");
    expect(attempt("demo", "10.0.0.2")).toMatchObject({ message: /for this account/ }); // another address
    expect(attempt("admin", "10.0.0.1")).toBe("ok"); // another account, the same address
    expect(attempt("DEMO", "10.0.0.3")).toMatchObject({ status: 429 }); // the same account, spelled otherwise
    // The address has 4 failures of 5: one name more, and then every name waits.
    expect(attempt("ops", "10.0.0.1")).toBe("ok");
    expect(attempt("root", "10.0.0.1")).toMatchObject({
      retryAfter: 1,
      message: "Too many failed sign-in attempts from your address; try again in 1 s.",
    });
    expect(attempt("admin", "10.0.0.9")).toBe("ok"); // the same names from elsewhere
  });

  it("counts attempts in progress: a concurrent burst gets no more guesses than a sequential one", () => {
    const { throttle, attempt, advance } = setup();
    const burst = [0, 1, 2].map(() => throttle.begin("demo", "a"));
    expect(attempt("demo", "a")).toMatchObject({
      retryAfter: 1,
      message: "Too many sign-in attempts for this account at once; try again in 1 s.",
    });
    for (const running of burst) running.finish("failed");
    advance(1_000);
    // Past the free attempts: one attempt at a time.
    const probe = throttle.begin("demo", "a");
    expect(attempt("demo", "a")).toMatchObject({ status: 429 });
    probe.finish("undecided"); // e.g. Keystone did not answer: neither a failure nor a success
    expect(attempt("demo", "a", "succeeded")).toBe("ok");
  });

  it("forgets failures after a quiet while, counted from the end of the last wait", () => {
    const { attempt, advance } = setup({ forgetAfterMs: 600_000 });
    for (let i = 0; i < 3; i += 1) attempt("demo", "a");
    advance(600_999);
    expect(attempt("demo", "a")).toBe("ok"); // remembered: this failure waits 2 s
    expect(attempt("demo", "a")).toMatchObject({ retryAfter: 2 });
    advance(602_000);
    for (let i = 0; i < 3; i += 1) expect(attempt("demo", "a")).toBe("ok");
  });

  it("keeps memory bounded however many names and addresses are tried", () => {
    const { throttle, attempt } = setup({ maxKeys: 50 }, { maxKeys: 20 });
    for (let i = 0; i < 10_000; i += 1) attempt(`user-${i}`, `10.1.${i >> 8}.${i & 255}`);
    expect(throttle.size).toEqual({ users: 50, addresses: 20 });
    // Successful sign-ins leave nothing behind.
    const clean = setup();
    for (let i = 0; i < 100; i += 1) clean.attempt("demo", `10.2.0.${i}`, "succeeded");
    expect(clean.throttle.size).toEqual({ users: 0, addresses: 0 });
  });

  it("never throttles successful sign-ins, however many", () => {
    const { attempt } = setup();
    for (let i = 0; i < 1_000; i += 1) expect(attempt("demo", "a", "succeeded")).toBe("ok");
  });
});
