import { expect, test } from "@playwright/test";
import { expectError, loginAs, run } from "../fixtures/api";

test.describe("auth API", () => {
  test("rejects bad credentials with 401 and no cookie", async ({ request }) => {
    const response = await request.post("/api/auth/login", { data: { username: "demo", password: "wrong" } });
    await expectError(response, 401, /Invalid username or password/);
    expect(response.headers()["set-cookie"]).toBeUndefined();
    await expectError(
      await request.post("/api/auth/login", { data: { username: "nobody", password: "x" } }),
      401,
    );
    await expectError(await request.post("/api/auth/login", { data: { username: "demo" } }), 400, /password/);
    await expectError(await request.post("/api/auth/login", { data: "not json at all" }), 400);
  });

  test("logs in with a sealed httpOnly SameSite cookie and no token in the body", async ({ request }) => {
    const response = await request.post("/api/auth/login", {
      data: { username: "demo", password: run.passwords.demo },
    });
    expect(response.status()).toBe(200);
    const cookie = response.headers()["set-cookie"]!;
    expect(cookie).toMatch(/^trove_logs_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = await response.json();
    expect(body).toMatchObject({ user: { name: "demo" }, project: { id: "demo" }, is_admin: false });
    expect(JSON.stringify(body)).not.toMatch(/token|password|secret/i);

    const session = await request.get("/api/auth/session");
    expect(await session.json()).toMatchObject({
      user: { name: "demo" },
      project: { id: "demo" },
      roles: ["member"],
    });

    expect((await request.post("/api/auth/logout")).status()).toBe(200);
    await expectError(await request.get("/api/auth/session"), 401);
  });

  test("admin has the admin role", async () => {
    const admin = await loginAs("admin");
    const session = await (await admin.get("/api/auth/session")).json();
    expect(session).toMatchObject({ user: { name: "admin" }, is_admin: true });
    expect(session.roles).toContain("admin");
  });

  test("a forged or foreign cookie is no session", async ({ request }) => {
    const response = await request.get("/api/instances", {
      headers: { cookie: "trove_logs_session=Fe26.2**forged" },
    });
    await expectError(response, 401);
  });

  test("refuses cross-site state changes", async () => {
    const demo = await loginAs("demo");
    const response = await demo.post("/api/auth/logout", { headers: { origin: "https://evil.example" } });
    await expectError(response, 403, /Cross-site/);
    const fetchSite = await demo.post("/api/auth/logout", { headers: { "sec-fetch-site": "cross-site" } });
    await expectError(fetchSite, 403);
    expect((await demo.get("/api/auth/session")).status()).toBe(200);
  });
});
