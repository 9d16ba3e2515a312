import { expect, test } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readKeystoneEnv } from "../../scripts/services/keystone-env";
import { INTERNAL_DETAIL } from "../fixtures/api";
import { CuttableRelay, startOwnServer } from "../fixtures/own-server";

// A replica whose every dependency runs for real (Keystone sign-in, Swift, memcached sessions; npm test
// starts them), each reached through a relay the test cuts: /readyz names the one that is gone.
const PORT = Number(process.env.TROVE_LOGS_E2E_PORT ?? 3310) + 30;
const swift = {
  storageUrl: process.env.TROVE_LOGS_TEST_SWIFT_STORAGE_URL,
  authUrl: process.env.TROVE_LOGS_TEST_SWIFT_AUTH_URL,
  user: process.env.TROVE_LOGS_TEST_SWIFT_USER,
  key: process.env.TROVE_LOGS_TEST_SWIFT_KEY,
};
const memcached = process.env.TROVE_LOGS_TEST_MEMCACHED;
const keystone = readKeystoneEnv();

type Readiness = { status: string; checks: Record<string, { ok: boolean; latency_ms: number }> };
const DEPENDENCIES = ["object_store", "keystone", "sessions"] as const;

let dir: string;
let server: Awaited<ReturnType<typeof startOwnServer>> | undefined;
let relays: Record<(typeof DEPENDENCIES)[number], CuttableRelay> | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (!swift.storageUrl || !swift.authUrl || !swift.user || !swift.key || !memcached || !keystone) {
    throw new Error(
      "Swift, memcached and Keystone must run: `bash scripts/services/{swift,memcached,keystone}.sh start` " +
        "and export the TROVE_LOGS_TEST_SWIFT_* and TROVE_LOGS_TEST_MEMCACHED settings (npm test does).",
    );
  }
  const portOf = (url: string) => Number(new URL(url).port);
  relays = {
    keystone: new CuttableRelay(portOf(keystone.url)),
    object_store: new CuttableRelay(portOf(swift.storageUrl)),
    sessions: new CuttableRelay(Number(memcached.split(":").at(-1))),
  };
  for (const relay of Object.values(relays)) await relay.open();
  dir = mkdtempSync(join(tmpdir(), "trove-logs-readiness-"));
  server = await startOwnServer(PORT, {
    TROVE_LOGS_DATA_DIR: join(dir, "data"),
    TROVE_LOGS_DEMO_WRITERS: "0",
    TROVE_LOGS_IDENTITY: "keystone",
    TROVE_LOGS_KEYSTONE_URL: `http://127.0.0.1:${relays.keystone.port}/v3`,
    TROVE_LOGS_MEMCACHED: `127.0.0.1:${relays.sessions.port}`,
    TROVE_LOGS_OBJECT_STORE: "swift",
    TROVE_LOGS_SWIFT_URL: `http://127.0.0.1:${relays.object_store.port}/v1`,
    TROVE_LOGS_SWIFT_AUTH_URL: swift.authUrl,
    TROVE_LOGS_SWIFT_USER: swift.user,
    TROVE_LOGS_SWIFT_KEY: swift.key,
    TROVE_LOGS_SWIFT_TIMEOUT: "3",
    TROVE_LOGS_ACCESS_LOG: "0",
  });
});

test.afterAll(async () => {
  server?.stop();
  for (const relay of Object.values(relays ?? {})) await relay.cut();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("/readyz: 200 with every dependency up, 503 naming the one that is down, and no secret in either", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const readyz = `${server!.url}/readyz`;
  const read = async () => {
    const response = await request.get(readyz);
    return {
      status: response.status(),
      body: (await response.json()) as Readiness,
      text: await response.text(),
    };
  };
  const failing = (body: Readiness) =>
    Object.entries(body.checks)
      .filter(([, check]) => !check.ok)
      .map(([name]) => name);
  const cuttable = relays!;
  const secrets = [swift.key!, swift.user!, ...Object.values(keystone!.passwords)];
  const expectNothingInternal = (text: string) => {
    expect(text).not.toMatch(INTERNAL_DETAIL);
    expect(text).not.toContain(dir);
    for (const relay of Object.values(cuttable)) expect(text).not.toContain(String(relay.port));
    for (const secret of secrets) expect(text).not.toContain(secret);
  };

  // Answers are reused for 1.5 s: poll until the change shows.
  await expect.poll(async () => (await read()).status, { timeout: 20_000 }).toBe(200);
  const up = await read();
  expect(up.body.status).toBe("ready");
  expect(Object.keys(up.body.checks).sort()).toEqual(["keystone", "object_store", "sessions"]);
  for (const check of Object.values(up.body.checks)) {
    expect(check).toEqual({ ok: true, latency_ms: expect.any(Number) });
  }
  expectNothingInternal(up.text);

  for (const name of DEPENDENCIES) {
    await cuttable[name].cut();
    await expect
      .poll(async () => failing((await read()).body), { timeout: 20_000, message: `${name} cut` })
      .toEqual([name]);
    const down = await read();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe("not_ready");
    expect(down.body.checks[name]).toEqual({ ok: false, latency_ms: expect.any(Number) });
    expect(down.body.checks[name]!.latency_ms).toBeLessThan(2_500); // a closed port fails fast, never a hang
    expectNothingInternal(down.text);

    await cuttable[name].open();
    await expect
      .poll(async () => (await read()).status, { timeout: 20_000, message: `${name} back` })
      .toBe(200);
  }
});
