import { describe, expect, it } from "vitest";
import { HashLimiter } from "./hash-limiter";
import { isIdentityError } from "./identity-error";
import { hashPassword, verifyPassword } from "./password-hash";

describe("hash limiter", () => {
  it("runs at most `concurrency` hashes, queues a few, and refuses the rest at once with 503", async () => {
    const stored = await hashPassword("right");
    const limiter = new HashLimiter({ concurrency: 1, queue: 2 });
    const checks = ["right", "wrong", "right"].map((password) => limiter.verify(password, stored));
    expect(limiter.load).toEqual({ active: 1, waiting: 2 });

    const refused = await limiter.verify("right", stored).catch((error: unknown) => error);
    expect(isIdentityError(refused) && refused).toMatchObject({
      status: 503,
      code: "service_unavailable",
      retryAfterSeconds: 1,
      message: "The server is busy checking other sign-ins; try again in a moment.",
    });
    expect(limiter.load).toEqual({ active: 1, waiting: 2 }); // the refused one took no place

    expect(await Promise.all(checks)).toEqual([true, false, true]);
    expect(limiter.load).toEqual({ active: 0, waiting: 0 });
    expect(await limiter.verify("right", stored)).toBe(true);
  });

  it("frees its place when a hash fails", async () => {
    const limiter = new HashLimiter({ concurrency: 1, queue: 0 });
    await expect(limiter.run(() => Promise.reject(new Error("scrypt failed")))).rejects.toThrow(
      "scrypt failed",
    );
    expect(await limiter.run(() => verifyPassword("x", "not-a-hash"))).toBe(false);
  });
});
