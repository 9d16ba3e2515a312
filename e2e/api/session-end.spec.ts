// Sessions end on the server (local identity): a copy of the cookie is refused after logout and after
// a project switch, and a live session survives a server restart.
import { expect, test } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../fixtures/api";
import { loginAfterBackoff, replayStatus, sessionEndTests } from "../fixtures/sign-in";
import { startOwnServer } from "../fixtures/own-server";

sessionEndTests("session end (local identity)", () => ({
  member: { username: "demo", password: run.passwords.demo },
  admin: { username: "admin", password: run.passwords.admin },
  otherProject: { id: "ops", name: "ops" },
}));

test.describe("session end (local identity), across a restart", () => {
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
