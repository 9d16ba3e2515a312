// Sessions shared by replicas, against the real memcached of scripts/services/memcached.sh.
import { afterAll, describe, expect, it } from "vitest";
import { testNamespace, testSharedCache } from "@/lib/server/shared/memcached-test-env";
import type { Principal } from "./identity-provider";
import { MemcachedSessionStore } from "./memcached-session-store";

const namespace = testNamespace();
const cacheA = testSharedCache(namespace);
const cacheB = testSharedCache(namespace);
afterAll(() => {
  cacheA.close();
  cacheB.close();
});

const secret = "a".repeat(40);
// Two replicas: separate processes in production, separate clients and stores here.
const replicaA = new MemcachedSessionStore({ cache: cacheA, secret, ttlSeconds: 3600 });
const replicaB = new MemcachedSessionStore({ cache: cacheB, secret, ttlSeconds: 3600 });

const principal = (overrides: Partial<Principal> = {}): Principal => ({
  userId: "u1",
  userName: "alice",
  projectId: "p1",
  projectName: "demo",
  roles: ["member"],
  projects: [{ id: "p1", name: "demo" }],
  token: "gAAAAtoken",
  expiresAt: Date.now() + 3_600_000,
  ...overrides,
});

describe("MemcachedSessionStore", () => {
  it("a session started on one replica is read on another, Keystone token included", async () => {
    const cookie = await replicaA.create(principal());
    expect(await replicaB.read(cookie)).toEqual(principal({ expiresAt: expect.any(Number) as number }));
    expect((await replicaB.read(cookie))?.token).toBe("gAAAAtoken");
  });

  it("a logout on one replica ends the session on every replica at once", async () => {
    const cookie = await replicaA.create(principal());
    expect(await replicaB.read(cookie)).toBeDefined();
    await replicaB.delete(cookie);
    expect(await replicaA.read(cookie)).toBeUndefined();
    expect(await replicaB.read(cookie)).toBeUndefined();
  });

  it("a project switch on one replica ends the old cookie everywhere; the new one works everywhere", async () => {
    const old = await replicaA.create(principal());
    const next = await replicaB.replace(old, principal({ projectId: "p2", projectName: "ops" }));
    expect(await replicaA.read(old)).toBeUndefined();
    expect((await replicaA.read(next))?.projectName).toBe("ops");
  });

  it("a refresh racing a logout does not bring the session back", async () => {
    const cookie = await replicaA.create(principal());
    await replicaB.delete(cookie);
    replicaA.refresh(cookie, principal({ roles: ["member", "reader"] }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await replicaB.read(cookie)).toBeUndefined();
  });

  it("a refresh on one replica is what the others read", async () => {
    const cookie = await replicaA.create(principal());
    replicaA.refresh(cookie, principal({ roles: ["member", "reader"] }));
    await expect.poll(async () => (await replicaB.read(cookie))?.roles).toEqual(["member", "reader"]);
  });

  it("forged and expired sessions are nobody's", async () => {
    expect(await replicaB.read("Fe26.2**forged")).toBeUndefined();
    const cookie = await replicaA.create(principal({ expiresAt: Date.now() - 1 }));
    expect(await replicaB.read(cookie)).toBeUndefined();
  });
});
