import { expect, test } from "../fixtures/browser";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appendLogFile, writeLogFile } from "../fixtures/api";
import { CuttableRelay, startOwnServer } from "../fixtures/own-server";
import { logRow, publishedBytes, run, signIn, toast } from "../fixtures/ui";

// The embedded service publishing into the real Swift (tempauth; npm test starts it) through a relay
// that the test cuts: Swift goes away between two publishes and comes back.
const ID = "5d000000-0000-4000-8000-0000000000a1";
const PORT = Number(process.env.TROVE_LOGS_E2E_PORT ?? 3310) + 80;
const swift = {
  authUrl: process.env.TROVE_LOGS_TEST_SWIFT_AUTH_URL,
  storageUrl: process.env.TROVE_LOGS_TEST_SWIFT_STORAGE_URL,
  user: process.env.TROVE_LOGS_TEST_SWIFT_USER,
  key: process.env.TROVE_LOGS_TEST_SWIFT_KEY,
};

let dir: string;
let relay: CuttableRelay;
let server: Awaited<ReturnType<typeof startOwnServer>> | undefined;
const logFile = () => join(dir, "general.log");

test.use({ baseURL: `http://127.0.0.1:${PORT}` });

test.beforeAll(async () => {
  if (!swift.authUrl || !swift.storageUrl || !swift.user || !swift.key) {
    throw new Error(
      "Swift is not running: start it with `bash scripts/services/swift.sh start` and export the " +
        "TROVE_LOGS_TEST_SWIFT_* settings it prints (npm test does both).",
    );
  }
  dir = mkdtempSync(join(tmpdir(), "trove-logs-swift-outage-"));
  relay = new CuttableRelay(Number(new URL(swift.storageUrl).port));
  await relay.open();
  writeFileSync(
    join(dir, "config.json"),
    JSON.stringify({
      guest_log_limit: 4096,
      instances: [
        {
          id: ID,
          name: "swift-outage",
          project_id: "demo",
          datastore: { type: "mysql", version: "8.0" },
          logs: { general: { file: logFile() } },
        },
      ],
    }),
  );
  server = await startOwnServer(PORT, {
    TROVE_LOGS_CONFIG: join(dir, "config.json"),
    TROVE_LOGS_DATA_DIR: join(dir, "data"),
    TROVE_LOGS_OBJECT_STORE: "swift",
    TROVE_LOGS_SWIFT_AUTH_URL: swift.authUrl,
    TROVE_LOGS_SWIFT_USER: swift.user,
    TROVE_LOGS_SWIFT_KEY: swift.key,
    TROVE_LOGS_SWIFT_URL: `http://127.0.0.1:${relay.port}/v1`,
    TROVE_LOGS_SWIFT_TIMEOUT: "5",
    TROVE_LOGS_ADMIN_PASSWORD: run.passwords.admin,
    TROVE_LOGS_DEMO_PASSWORD: run.passwords.demo,
  });
});

test.afterAll(async () => {
  server?.stop();
  await relay?.cut();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("Swift goes away: publish fails fast with the reason in the API and the UI, then continues exactly", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const first = "2026-11-25T10:00:00Z 7 Query SELECT 'café';\r\n".repeat(300);
  writeLogFile(logFile(), first);
  await signIn(page, "demo");
  const publish = () =>
    page.request.post(`/api/instances/${ID}/log`, { data: { name: "general", publish: 1 } });
  await page.request.post(`/api/instances/${ID}/log`, { data: { name: "general", discard: 1 } });
  expect((await (await publish()).json()).log).toMatchObject({
    status: "Published",
    published: first.length + 300,
  });

  appendLogFile(logFile(), "2026-11-25T10:00:01Z 8 Query SELECT 'after';\n".repeat(300));
  await relay.cut();
  const started = Date.now();
  const refused = await publish();
  expect(refused.status()).toBe(503);
  expect((await refused.json()).error.message).toMatch(/Swift is unreachable/);
  expect(Date.now() - started).toBeLessThan(10_000); // never a hang

  await page.goto(`/project/instances/${ID}?tab=logs`);
  // On Swift each log shown asks it for the metafile (replicas may share it): the failure takes a moment.
  await expect(page.getByText(/Swift is unreachable/).first()).toBeVisible({ timeout: 15_000 });

  await relay.open(); // Swift is back: the same button finishes the copy, without duplicates
  await page.reload();
  const row = logRow(page, "general");
  await row.getByRole("button", { name: "Publish general" }).click();
  await expect(toast(page, "Published log general")).toBeVisible();
  const size = readFileSync(logFile()).length;
  await expect(publishedBytes(row)).toHaveAttribute("value", String(size));
  const download = await page.request.get(`/api/instances/${ID}/log/general/download`);
  expect(Buffer.from(await download.body()).equals(readFileSync(logFile()))).toBe(true);
  await page.request.post(`/api/instances/${ID}/log`, { data: { name: "general", discard: 1 } });
});

test("a failure the UI shows carries the request id of the answer that failed (its X-Request-Id)", async ({
  page,
}) => {
  await signIn(page, "demo");
  const failedIds = new Set<string>();
  page.on("response", (response) => {
    const id = response.headers()["x-request-id"];
    if (response.url().includes(`/api/instances/${ID}`) && response.status() >= 500 && id) failedIds.add(id);
  });
  await relay.cut();
  try {
    await page.goto(`/project/instances/${ID}?tab=logs`);
    const alert = page.getByRole("alert").filter({ hasText: /Swift is unreachable/ });
    await expect(alert).toBeVisible({ timeout: 15_000 }); // a first page load on a busy machine
    const requestId = alert.getByText(/^Request ID:/);
    // The list polls on: the id shown is one of the failed answers' own, never one made up in the browser.
    await expect
      .poll(async () => {
        const shown = ((await requestId.textContent()) ?? "").replace("Request ID:", "").trim();
        return failedIds.has(shown) ? shown : `not the id of a failed answer: '${shown}'`;
      })
      .toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  } finally {
    await relay.open();
  }
});
