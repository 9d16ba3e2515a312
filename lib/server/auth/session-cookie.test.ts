import { describe, expect, it } from "vitest";
import { readCookie, sessionCookie } from "./session-cookie";

describe("session cookie", () => {
  it("is httpOnly and SameSite, Secure when asked", () => {
    expect(sessionCookie("v", { maxAge: 60, secure: false })).toBe(
      "trove_logs_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60",
    );
    expect(sessionCookie("v", { maxAge: 60, secure: true })).toMatch(/; Secure$/);
    expect(readCookie("a=1; trove_logs_session=abc=def; b=2", "trove_logs_session")).toBe("abc=def");
  });
});
