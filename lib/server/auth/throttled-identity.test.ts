import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BackoffPolicy } from "./failure-backoff";
import { HashLimiter } from "./hash-limiter";
import { isIdentityError } from "./identity-error";
import type { LoginOptions } from "./identity-provider";
import { LocalIdentity } from "./local-identity";
import { LocalIdentityProvider } from "./local-identity-provider";
import { LoginThrottle } from "./login-throttle";
import { ThrottledIdentity } from "./throttled-identity";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "trove-logs-throttled-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The real local provider, counting the sign-ins that reached it (each one a password hash). */
class CountingProvider extends LocalIdentityProvider {
  checked = 0;
  override authenticate(username: string, password: string, options?: LoginOptions) {
    this.checked += 1;
    return super.authenticate(username, password, options);
  }
}

async function setup(hashLimiter = new HashLimiter({ concurrency: 2, queue: 16 })) {
  let now = Date.now();
  const users = await LocalIdentity.open({
    dataDir: dir,
    projectIds: ["demo", "ops"],
    passwords: { admin: "admin-pw", demo: "demo-pw" },
    announce: () => undefined,
    hashLimiter,
  });
  const inner = new CountingProvider({ users, projectName: (id) => id, sessionTtlMs: 60_000 });
  const policy = (freeAttempts: number): BackoffPolicy => ({
    freeAttempts,
    baseDelayMs: 1_000,
    maxDelayMs: 60_000,
    forgetAfterMs: 3_600_000,
    maxKeys: 100,
  });
  const identity = new ThrottledIdentity(
    inner,
    new LoginThrottle({ user: policy(3), address: policy(10), now: () => now }),
  );
  const signIn = (username: string, password: string, options: LoginOptions = {}) =>
    identity.authenticate(username, password, { client: "192.0.2.1", ...options }).then(
      (principal) => principal.userName,
      (error: unknown) => (isIdentityError(error) ? error.status : error),
    );
  return { identity, inner, signIn, advance: (ms: number) => (now += ms) };
}

describe("throttled identity", () => {
  it("refuses throttled attempts without checking the password, then lets the real user in", async () => {
    const { inner, signIn, advance } = await setup();
    for (let i = 0; i < 3; i += 1) expect(await signIn("demo", "guess")).toBe(401);
    expect(await signIn("demo", "demo-pw")).toBe(429);
    expect(inner.checked).toBe(3);
    advance(1_000);
    expect(await signIn("demo", "demo-pw")).toBe("demo");
    expect(await signIn("demo", "guess")).toBe(401); // the success started the count afresh
  });

  it("a concurrent burst of wrong passwords: only the free attempts reach the password check", async () => {
    const { inner, signIn } = await setup();
    const answers = await Promise.all(Array.from({ length: 12 }, () => signIn("demo", "guess")));
    expect(answers.filter((status) => status === 401)).toHaveLength(3);
    expect(answers.filter((status) => status === 429)).toHaveLength(9);
    expect(inner.checked).toBe(3);
  });

  it("a refused project and a busy server are not failed passwords", async () => {
    const { signIn } = await setup(new HashLimiter({ concurrency: 1, queue: 0 }));
    for (let i = 0; i < 5; i += 1) expect(await signIn("demo", "demo-pw", { project: "ops" })).toBe(403);
    const busy = await Promise.all(Array.from({ length: 3 }, () => signIn("admin", "guess")));
    expect(busy.sort()).toEqual([401, 503, 503]);
    expect(await signIn("admin", "guess")).toBe(401); // 2 failures of 3 so far
    expect(await signIn("demo", "demo-pw")).toBe("demo");
  });
});
