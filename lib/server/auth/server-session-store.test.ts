import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Principal } from "./identity-provider";
import { ServerSessionStore } from "./server-session-store";

const secret = "k".repeat(40);
let dir: string;
let now: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "trove-logs-sessions-"));
  now = Date.now();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const principal = (overrides: Partial<Principal> = {}): Principal => ({
  userId: "u-demo",
  userName: "demo",
  projectId: "p-demo",
  projectName: "demo",
  roles: ["member", "reader"],
  projects: [{ id: "p-demo", name: "demo" }],
  token: "gAAAAA-secret-keystone-token",
  expiresAt: now + 3_600_000,
  ...overrides,
});

const open = () => new ServerSessionStore({ dir, secret, ttlSeconds: 43_200, now: () => now });

describe("server-side sessions", () => {
  it("keeps the token on the server: the cookie is a sealed random id", async () => {
    const store = open();
    const cookie = await store.create(principal());
    expect(cookie).not.toContain("gAAAAA");
    expect(cookie).not.toContain("demo");
    expect(await store.read(cookie)).toEqual(principal());
    expect(await store.read(cookie.slice(0, -3) + "abc")).toBeUndefined();
    expect(await store.read("Fe26.2**forged")).toBeUndefined();
    const other = new ServerSessionStore({ dir: join(dir, "other"), secret: "z".repeat(40), ttlSeconds: 60 });
    expect(await other.read(cookie)).toBeUndefined();
    other.close();
    store.close();
  });

  it("persists in a 0600 file inside a 0700 directory, and survives a restart", async () => {
    const store = open();
    const cookie = await store.create(principal());
    store.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    const reopened = open();
    expect((await reopened.read(cookie))?.token).toBe("gAAAAA-secret-keystone-token");
    reopened.close();
  });

  it("replaces the session on a project switch, forgets deleted and expired ones", async () => {
    const store = open();
    const first = await store.create(principal());
    const second = await store.replace(first, principal({ projectId: "p-ops", token: "t2" }));
    expect(await store.read(first)).toBeUndefined();
    expect((await store.read(second))?.projectId).toBe("p-ops");
    await store.delete(second);
    expect(await store.read(second)).toBeUndefined();

    const short = await store.create(principal({ expiresAt: now + 1_000 }));
    now += 2_000;
    expect(await store.read(short)).toBeUndefined();
    store.close();
  });

  it("keeps what a validation found", async () => {
    const store = open();
    const cookie = await store.create(principal());
    store.refresh(cookie, principal({ roles: ["admin", "member", "reader"] }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    store.close();
    const reopened = open();
    expect((await reopened.read(cookie))?.roles).toEqual(["admin", "member", "reader"]);
    reopened.close();
  });
});

describe("local-mode sessions", () => {
  it("keep who and where without a token; an ended one stays ended after a restart", async () => {
    const local = principal({ token: undefined, userId: "demo", projectId: "demo" });
    const store = open();
    const kept = await store.create(local);
    const ended = await store.create(local);
    await store.delete(ended);
    store.close();
    const reopened = open();
    expect(await reopened.read(kept)).toEqual(local);
    expect(await reopened.read(ended)).toBeUndefined();
    expect(await reopened.read("garbage")).toBeUndefined();
    reopened.close();
  });
});
