// KeystoneIdentity against the real Keystone from scripts/services/keystone.sh (npm test starts it).
import { beforeAll, describe, expect, it } from "vitest";
import { requireKeystone, type KeystoneTestEnv } from "@/scripts/services/keystone-env";
import { identityFailure } from "@/lib/server/testing/identity-failure";
import { KeystoneClient } from "./keystone-client";
import { KeystoneIdentity } from "./keystone-identity";
import { ServiceTokenProvider } from "./service-token";

let keystone: KeystoneTestEnv;
let client: KeystoneClient;
let identity: KeystoneIdentity;
beforeAll(async () => {
  keystone = await requireKeystone();
  client = new KeystoneClient({ url: keystone.url, timeoutMs: 10_000 });
  identity = new KeystoneIdentity({
    client,
    serviceToken: new ServiceTokenProvider(client, {
      user: keystone.service.user,
      password: keystone.passwords.service,
      userDomain: "Default",
      project: keystone.service.project,
      projectDomain: "Default",
    }),
    userDomain: "Default",
    projectDomain: "Default",
    sessionTtlMs: 3_600_000,
    validationCacheMs: 0,
  });
});

describe("Keystone identity (real Keystone)", () => {
  it("signs a member into the default project: roles, projects, a server-side token", async () => {
    const demo = await identity.authenticate("demo", keystone.passwords.demo);
    expect(demo).toMatchObject({
      userName: "demo",
      projectId: keystone.projects.demo,
      projectName: "demo",
      projects: [{ id: keystone.projects.demo, name: "demo" }],
    });
    expect(demo.roles).toContain("member");
    expect(demo.roles).not.toContain("admin");
    expect(demo.token).toMatch(/^gAAAAA/);
    expect(demo.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
    await identity.logout(demo);
  });

  it("signs an admin without a default project into the first of their projects, or the one asked for", async () => {
    const first = await identity.authenticate("admin", keystone.passwords.admin, { domain: "Default" });
    expect(first.projectName).toBe("admin");
    expect(first.roles).toContain("admin");
    expect(first.projects.map((project) => project.name)).toEqual(["admin", "demo", "ops"]);
    const ops = await identity.authenticate("admin", keystone.passwords.admin, { project: "ops" });
    expect(ops.projectId).toBe(keystone.projects.ops);
    const byId = await identity.authenticate("admin", keystone.passwords.admin, {
      project: keystone.projects.demo,
    });
    expect(byId.projectName).toBe("demo");
    await Promise.all([first, ops, byId].map((principal) => identity.logout(principal)));
  });

  it("tells a wrong password (401) from a project without access (403)", async () => {
    expect(await identityFailure(identity.authenticate("demo", "wrong"))).toEqual({
      status: 401,
      message: "Invalid username or password.",
    });
    expect(await identityFailure(identity.authenticate("nobody", "x"))).toMatchObject({ status: 401 });
    expect(
      await identityFailure(identity.authenticate("demo", keystone.passwords.demo, { domain: "Elsewhere" })),
    ).toMatchObject({
      status: 401,
    });
    expect(
      await identityFailure(identity.authenticate("demo", keystone.passwords.demo, { project: "ops" })),
    ).toEqual({
      status: 403,
      message: "User demo has no access to project ops.",
    });
    expect(await identityFailure(identity.authenticate("demo", "wrong", { project: "ops" }))).toMatchObject({
      status: 401,
    });
  });

  it("switches project by rescoping; the old token is revoked", async () => {
    const admin = await identity.authenticate("admin", keystone.passwords.admin, { project: "demo" });
    const ops = await identity.switchProject(admin, keystone.projects.ops);
    expect(ops).toMatchObject({ projectId: keystone.projects.ops, projectName: "ops", userId: admin.userId });
    expect(ops.token).not.toBe(admin.token);
    expect(await identity.validate(admin)).toBeUndefined();
    expect((await identity.validate(ops))?.projectName).toBe("ops");
    const demo = await identity.authenticate("demo", keystone.passwords.demo);
    expect(await identityFailure(identity.switchProject(demo, keystone.projects.ops))).toMatchObject({
      status: 403,
    });
    await Promise.all([ops, demo].map((principal) => identity.logout(principal)));
  });

  it("a revoked token or a logout ends validation", async () => {
    const demo = await identity.authenticate("demo", keystone.passwords.demo);
    expect(await identity.validate(demo)).toBe(demo); // nothing changed: the same principal
    expect(await identity.validate({ ...demo, roles: ["stale"] })).toMatchObject({ roles: demo.roles });
    await client.revoke(demo.token!);
    expect(await identity.validate(demo)).toBeUndefined();

    const again = await identity.authenticate("demo", keystone.passwords.demo);
    await identity.logout(again);
    expect(await client.validate(again.token!, again.token!)).toEqual({ ok: false, reason: "invalid" });
  });

  it("trusts a validation for the cache period only", async () => {
    let now = Date.now();
    const cached = new KeystoneIdentity({
      client,
      userDomain: "Default",
      projectDomain: "Default",
      sessionTtlMs: 3_600_000,
      validationCacheMs: 60_000,
      now: () => now,
    });
    const demo = await cached.authenticate("demo", keystone.passwords.demo);
    await client.revoke(demo.token!);
    expect(await cached.validate(demo)).toBeDefined(); // within the cache period
    now += 61_000;
    expect(await cached.validate(demo)).toBeUndefined();
  });
});
