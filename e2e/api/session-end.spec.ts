// Sessions end on the server (local identity): a copy of the cookie is refused after logout and after
// a project switch, and a live session survives a server restart.
import { expect, test } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../fixtures/api";
import { loginAfterBackoff, replayStatus } from "../fixtures/login-flood";
import { startOwnServer } from "../fixtures/own-server";

const baseURL = () => test.info().project.use.baseURL!;

test.describe("session end (local identity)", () => {
  test("a cookie replayed after logout is refused", async () => {
    const { client, cookie } = await loginAfterBackoff(baseURL(), {
      username: "demo",
      password: run.passwords.demo,
    });
    expect(await replayStatus(baseURL(), cookie)).toBe(200); // a copy works while the session lasts
    expect((await client.post("/api/auth/logout")).status()).toBe(200);
    expect(await replayStatus(baseURL(), cookie)).toBe(401);
  });

  test("the old cookie is refused after a project switch; the new one works", async () => {
    const { client, cookie } = await loginAfterBackoff(baseURL(), {
      username: "admin",
      password: run.passwords.admin,
    });
    const switched = await client.post("/api/auth/project", { data: { project: "ops" } });
    expect(switched.status(), await switched.text()).toBe(200);
    expect(await replayStatus(baseURL(), cookie)).toBe(401);
    const session = await client.get("/api/auth/session");
    expect(await session.json()).toMatchObject({ user: { name: "admin" }, project: { id: "ops" } });
  });

  test("a signed-in user stays signed in across a restart; a logged-out cookie stays refused", async () => {
    test.setTimeout(300_000);
    const dir = mkdtempSync(join(tmpdir(), "trove-logs-session-restart-"));
    const port = Number(process.env.TROVE_LOGS_E2E_PORT ?? 3310) + 7;
    const env = {
      TROVE_LOGS_DATA_DIR: join(dir, "data"),
      TROVE_LOGS_DEMO_WRITERS: "0",
      TROVE_LOGS_ADMIN_PASSWORD: run.passwords.admin,
      TROVE_LOGS_DEMO_PASSWORD: run.passwords.demo,
    };
    let server = await startOwnServer(port, env);
    try {
      const credentials = { username: "demo", password: run.passwords.demo };
      const kept = await loginAfterBackoff(server.url, credentials);
      const ended = await loginAfterBackoff(server.url, credentials);
      expect((await ended.client.post("/api/auth/logout")).status()).toBe(200);
      server.stop();
      await expect.poll(() => replayStatus(server.url, kept.cookie).catch(() => 0)).toBe(0);
      server = await startOwnServer(port, env);
      expect(await replayStatus(server.url, kept.cookie)).toBe(200);
      expect(await replayStatus(server.url, ended.cookie)).toBe(401);
    } finally {
      server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
