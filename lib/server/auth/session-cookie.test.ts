import { describe, expect, it } from "vitest";
import { readCookie, sealSession, sessionCookie, unsealSession } from "./session-cookie";

const secret = "s".repeat(40);
const session = {
  v: 1 as const,
  userId: "demo",
  username: "demo",
  projectId: "demo",
  roles: ["member"],
  expiresAt: Date.now() + 60_000,
};

describe("session cookie", () => {
  it("round-trips a sealed session and rejects tampering, other keys and expiry", async () => {
    const sealed = await sealSession(session, secret, 60);
    expect(sealed).not.toContain("demo");
    expect(await unsealSession(sealed, secret)).toEqual(session);
    expect(await unsealSession(sealed.slice(0, -2) + "xx", secret)).toBeUndefined();
    expect(await unsealSession(sealed, "t".repeat(40))).toBeUndefined();
    const expired = await sealSession({ ...session, expiresAt: Date.now() - 1 }, secret, 60);
    expect(await unsealSession(expired, secret)).toBeUndefined();
  });

  it("is httpOnly and SameSite, Secure when asked", () => {
    expect(sessionCookie("v", { maxAge: 60, secure: false })).toBe(
      "trove_logs_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60",
    );
    expect(sessionCookie("v", { maxAge: 60, secure: true })).toMatch(/; Secure$/);
    expect(readCookie("a=1; trove_logs_session=abc=def; b=2", "trove_logs_session")).toBe("abc=def");
  });
});
