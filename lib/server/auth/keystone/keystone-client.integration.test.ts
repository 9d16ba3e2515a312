// Against the real Keystone that scripts/services/keystone.sh starts (npm test does): no mocks.
// Without it every test here fails, saying how to start it.
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireKeystone, type KeystoneTestEnv } from "@/scripts/services/keystone-env";
import { identityFailure } from "@/lib/server/testing/identity-failure";
import { catalogUrl } from "./keystone-catalog";
import { KeystoneClient } from "./keystone-client";
import { ServiceTokenProvider } from "./service-token";

let keystone: KeystoneTestEnv;
let client: KeystoneClient;
beforeAll(async () => {
  keystone = await requireKeystone();
  client = new KeystoneClient({ url: keystone.url, timeoutMs: 10_000 });
});

const demoLogin = () =>
  client.passwordAuth({
    user: "demo",
    password: keystone.passwords.demo,
    userDomain: "Default",
    scope: { name: "demo", domain: "Default" },
  });

describe("Keystone client (real Keystone)", () => {
  it("issues a project-scoped token with roles and the catalog", async () => {
    const token = await demoLogin();
    expect(token.user.name).toBe("demo");
    expect(token.project).toMatchObject({ id: keystone.projects.demo, name: "demo" });
    expect(token.roles).toContain("member");
    expect(token.roles).not.toContain("admin");
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 60_000);
    const projectId = token.project!.id;
    expect(catalogUrl(token.catalog, { type: "object-store", projectId })).toBe(
      `http://127.0.0.1:8080/v1/AUTH_${projectId}`,
    );
    expect(catalogUrl(token.catalog, { type: "database", projectId })).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+/v1\\.0/${projectId}$`),
    );
    expect(catalogUrl(token.catalog, { type: "identity" })).toBe(`${keystone.url}/`);
    await client.revoke(token.value);
  });

  it("scopes by project id, by default project, or not at all", async () => {
    const credentials = { user: "admin", password: keystone.passwords.admin, userDomain: "Default" };
    const byId = await client.passwordAuth({ ...credentials, scope: { id: keystone.projects.ops } });
    expect(byId.project?.name).toBe("ops");
    expect(byId.roles).toContain("admin");
    const unscoped = await client.passwordAuth({ ...credentials, scope: "unscoped" });
    expect(unscoped.project).toBeUndefined();
    const opsUser = await client.passwordAuth({
      user: "ops-user",
      password: keystone.passwords.ops,
      userDomain: "Default",
      scope: "default",
    });
    expect(opsUser.project?.id).toBe(keystone.projects.ops);
    await Promise.all([byId, unscoped, opsUser].map((token) => client.revoke(token.value)));
  });

  it("refuses a wrong password or an unknown domain with 401", async () => {
    const wrong = { user: "demo", password: "wrong", userDomain: "Default", scope: "unscoped" as const };
    expect(await identityFailure(client.passwordAuth(wrong))).toMatchObject({ status: 401 });
    expect(
      await identityFailure(
        client.passwordAuth({ ...wrong, password: keystone.passwords.demo, userDomain: "Nowhere" }),
      ),
    ).toMatchObject({ status: 401 });
  });

  it("validates with the service token, lists projects, rescopes and revokes", async () => {
    const service = new ServiceTokenProvider(client, {
      user: keystone.service.user,
      password: keystone.passwords.service,
      userDomain: "Default",
      project: keystone.service.project,
      projectDomain: "Default",
    });
    const serviceToken = await service.get();
    expect(await service.get()).toBe(serviceToken); // cached

    const admin = await client.passwordAuth({
      user: "admin",
      password: keystone.passwords.admin,
      userDomain: "Default",
      scope: { name: "demo", domain: "Default" },
    });
    const validated = await client.validate(admin.value, serviceToken);
    expect(validated.ok && validated.token.project?.id).toBe(keystone.projects.demo);
    expect(validated.ok && validated.token.roles).toContain("admin");

    const projects = await client.projects(admin.value);
    expect(projects.map((project) => project.name)).toEqual(["admin", "demo", "ops"]);

    const ops = await client.rescope(admin.value, { id: keystone.projects.ops });
    expect(ops.project?.name).toBe("ops");
    await client.revoke(admin.value);
    expect(await client.validate(admin.value, serviceToken)).toEqual({ ok: false, reason: "invalid" });
    expect((await client.validate(ops.value, serviceToken)).ok).toBe(true); // the rescoped token lives on
    await client.revoke(ops.value);
    expect(await client.validate(ops.value, ops.value)).toEqual({ ok: false, reason: "invalid" });
    expect(await client.validate(ops.value, "not-a-token")).toEqual({ ok: false, reason: "rejected" });
  });

  it("a wrong service password is a 503 that names the setting", async () => {
    const service = new ServiceTokenProvider(client, {
      user: keystone.service.user,
      password: "wrong",
      userDomain: "Default",
      project: "service",
      projectDomain: "Default",
    });
    expect((await identityFailure(service.get())).message).toMatch(
      /service user trove-logs.*TROVE_LOGS_SERVICE_/,
    );
  });
});

describe("Keystone unreachable or hanging: a clear 503, never a hang", () => {
  let blackHole: Server;
  let port: number;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // Accepts connections and never answers: what a stuck Keystone looks like from outside.
    blackHole = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
    port = (blackHole.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => blackHole.close(() => resolve()));
  });

  it("says Keystone is unreachable when nothing listens", async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const free = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    const dead = new KeystoneClient({ url: `http://127.0.0.1:${closed}/v3`, timeoutMs: 5_000 });
    const result = await identityFailure(
      dead.passwordAuth({ user: "u", password: "p", userDomain: "Default", scope: "default" }),
    );
    expect(result.status).toBe(503);
    expect(result.message).toMatch(
      /Keystone \(http:\/\/127\.0\.0\.1:\d+\/v3\) is unreachable \(ECONNREFUSED\)/,
    );
  });

  it("gives up after the timeout when Keystone does not answer", async () => {
    const stuck = new KeystoneClient({ url: `http://127.0.0.1:${port}`, timeoutMs: 300 });
    const started = Date.now();
    const result = await identityFailure(stuck.validate("a", "b"));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result).toEqual({
      status: 503,
      message: `Keystone (http://127.0.0.1:${port}/v3) did not answer within 0.3 s. Try again later.`,
    });
  });
});
