// The dashboard signing in through the real Keystone (scripts/services/keystone.sh; `npm test`
// starts it). Without Keystone these tests fail and say how to start it.
import { expect, test } from "@playwright/test";
import { expectError } from "../fixtures/api";
import {
  keystoneLogin,
  keystoneServer,
  keystoneTokenStatus,
  latestToken,
  requireKeystone,
  revokeInKeystone,
  withKeystoneFrozen,
  withKeystoneStopped,
  type KeystoneTestEnv,
} from "../fixtures/keystone";

let keystone: KeystoneTestEnv;
test.beforeAll(async () => {
  keystone = await requireKeystone();
});

const names = (body: { instances: Array<{ name: string }> }) => body.instances.map((i) => i.name).sort();

test.describe("Keystone sign-in", () => {
  test("the login form learns that Keystone signs people in", async ({ request }) => {
    const response = await request.get("/api/auth/config");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ identity: "keystone", default_domain: "Default" });
  });

  test("bad credentials: 401 without a cookie; a project without a role: 403", async ({ request }) => {
    const wrong = await request.post("/api/auth/login", { data: { username: "demo", password: "wrong" } });
    await expectError(wrong, 401, /^Invalid username or password\.$/);
    expect(wrong.headers()["set-cookie"]).toBeUndefined();
    await expectError(
      await request.post("/api/auth/login", { data: { username: "nobody", password: "x" } }),
      401,
    );
    await expectError(
      await request.post("/api/auth/login", {
        data: { username: "demo", password: keystone.passwords.demo, domain: "NoSuchDomain" },
      }),
      401,
    );
    await expectError(
      await request.post("/api/auth/login", {
        data: { username: "demo", password: keystone.passwords.demo, project: "ops" },
      }),
      403,
      /User demo has no access to project ops/,
    );
  });

  test("a member signs into the default project; the token stays on the server", async ({ request }) => {
    const response = await request.post("/api/auth/login", {
      data: { username: "demo", password: keystone.passwords.demo, domain: "Default", project: "" },
    });
    expect(response.status(), await response.text()).toBe(200);
    const cookie = response.headers()["set-cookie"]!;
    expect(cookie).toMatch(/^trove_logs_session=Fe26\.2\*/);
    expect(cookie).toMatch(/HttpOnly/i);
    const token = latestToken("demo");
    expect(cookie).not.toContain(token.slice(0, 20));
    const body = await response.json();
    expect(body).toMatchObject({
      user: { name: "demo" },
      project: { id: keystone.projects.demo, name: "demo" },
      projects: [{ id: keystone.projects.demo, name: "demo" }],
      is_admin: false,
      identity: "keystone",
    });
    expect(body.roles).toContain("member");
    expect(JSON.stringify(body)).not.toMatch(/gAAAA|token|password/i);

    expect(names(await (await request.get("/api/instances")).json())).toEqual(["ks-demo-mysql"]);
    await expectError(await request.get("/api/admin/instances"), 403);
    expect(await keystoneTokenStatus(keystone, token)).toBe(200);
  });

  test("admin role in the token: the Admin view; the project switcher rescopes the token", async () => {
    const admin = await keystoneLogin(keystone, "admin", { project: "demo" });
    const session = await (await admin.get("/api/auth/session")).json();
    expect(session).toMatchObject({ user: { name: "admin" }, project: { name: "demo" }, is_admin: true });
    expect(session.roles).toContain("admin");
    expect(session.projects.map((p: { name: string }) => p.name)).toEqual(["admin", "demo", "ops"]);
    expect(names(await (await admin.get("/api/admin/instances?all_projects=1")).json())).toEqual([
      "ks-demo-mysql",
      "ks-ops-mariadb",
    ]);
    const before = latestToken("admin");

    const switched = await admin.post("/api/auth/project", { data: { project: keystone.projects.ops } });
    expect(switched.status(), await switched.text()).toBe(200);
    expect(await switched.json()).toMatchObject({ project: { id: keystone.projects.ops, name: "ops" } });
    expect(names(await (await admin.get("/api/instances")).json())).toEqual(["ks-ops-mariadb"]);
    const after = latestToken("admin");
    expect(after).not.toBe(before);
    expect(await keystoneTokenStatus(keystone, after)).toBe(200);
    expect(await keystoneTokenStatus(keystone, before)).not.toBe(200); // the superseded token is revoked

    const demo = await keystoneLogin(keystone, "demo");
    await expectError(
      await demo.post("/api/auth/project", { data: { project: keystone.projects.ops } }),
      403,
    );
  });

  test("a member of another project signs in by project id", async () => {
    const ops = await keystoneLogin(keystone, "ops-user", { project: keystone.projects.ops });
    const session = await (await ops.get("/api/auth/session")).json();
    expect(session).toMatchObject({ user: { name: "ops-user" }, project: { name: "ops" }, is_admin: false });
    expect(names(await (await ops.get("/api/instances")).json())).toEqual(["ks-ops-mariadb"]);
  });
});

test.describe("Keystone session end", () => {
  test("a token revoked in Keystone ends the session: the next API call is 401", async () => {
    const demo = await keystoneLogin(keystone, "demo");
    expect((await demo.get("/api/instances")).status()).toBe(200);
    await revokeInKeystone(keystone, latestToken("demo"));
    // Validations are trusted for a couple of seconds (TROVE_LOGS_KEYSTONE_VALIDATION_CACHE) in this server.
    await expect
      .poll(async () => (await demo.get("/api/instances")).status(), {
        timeout: (keystoneServer.validationCacheSeconds + 5) * 1000,
      })
      .toBe(401);
    await expectError(await demo.get("/api/auth/session"), 401, /session has expired/);
  });

  test("logout revokes the token in Keystone", async () => {
    const demo = await keystoneLogin(keystone, "demo");
    const token = latestToken("demo");
    expect(await keystoneTokenStatus(keystone, token)).toBe(200);
    const response = await demo.post("/api/auth/logout");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true, revoked: true });
    expect(await keystoneTokenStatus(keystone, token)).not.toBe(200);
    await expectError(await demo.get("/api/auth/session"), 401);
  });
});

test.describe("Keystone unavailable", () => {
  test("Keystone not answering: 503 within the timeout, with a message saying so", async () => {
    const demo = await keystoneLogin(keystone, "demo");
    await withKeystoneFrozen(keystone, async () => {
      const started = Date.now();
      const login = await demo.post("/api/auth/login", {
        data: { username: "demo", password: keystone.passwords.demo },
      });
      // Keystone's address is the server log's (under the answer's reference), not the person's.
      await expectError(login, 503, /^Keystone did not answer within 3 s/);
      expect(Date.now() - started).toBeLessThan(10_000);
      // A signed-in user's next call, once the last validation is no longer trusted.
      await new Promise((resolve) => setTimeout(resolve, keystoneServer.validationCacheSeconds * 1000 + 200));
      await expectError(await demo.get("/api/instances"), 503, /Keystone did not answer/);
    });
    expect((await demo.get("/api/instances")).status()).toBe(200); // back when Keystone is
  });

  test("Keystone down: 503 saying it is unreachable; sessions survive its restart", async () => {
    const demo = await keystoneLogin(keystone, "demo");
    await withKeystoneStopped(keystone, async () => {
      const login = await demo.post("/api/auth/login", {
        data: { username: "demo", password: keystone.passwords.demo },
      });
      await expectError(login, 503, /^Keystone is unreachable \(ECONNREFUSED\)/);
      await new Promise((resolve) => setTimeout(resolve, keystoneServer.validationCacheSeconds * 1000 + 200));
      await expectError(await demo.get("/api/auth/session"), 503, /unreachable/);
    });
    expect((await demo.get("/api/auth/session")).status()).toBe(200);
  });
});
