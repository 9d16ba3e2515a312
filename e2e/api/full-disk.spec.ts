import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mountSmallTmpfs } from "../../lib/server/testing/small-tmpfs";
import { expectError } from "../fixtures/api";
import { startOwnServer } from "../fixtures/own-server";

// `npm start` with its object store on a real 8 MB filesystem that fills up during a publish, and
// a download the client walks away from. What the API answers, what the log shows, what the server
// logs — and that not a byte is lost.
const ID = "d15c0000-0000-4000-8000-0000000000f1";
const PORT = Number(process.env.TROVE_LOGS_E2E_PORT ?? 3310) + 87;
const MB = 1024 * 1024;

let dir: string;
let disk: ReturnType<typeof mountSmallTmpfs>;
let server: Awaited<ReturnType<typeof startOwnServer>> | undefined;
let client: APIRequestContext;
const logFile = () => join(dir, "general.log");
const ballast = () => join(disk.dir, "ballast");
const logUrl = `/api/instances/${ID}/log`;
const details = async () =>
  ((await (await client.get(`${logUrl}?details=1`)).json()) as { logs: Array<Record<string, unknown>> })
    .logs[0]!;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "trove-logs-full-disk-"));
  const lines = Array.from(
    { length: 50_000 },
    (_, i) => `2026-11-25T10:00:00Z ${i} Query SELECT ${i}, 'naïve';\n`,
  );
  writeFileSync(logFile(), lines.join("").slice(0, 4 * MB));
  writeFileSync(
    join(dir, "config.json"),
    JSON.stringify({
      guest_log_limit: 65_536,
      instances: [
        {
          id: ID,
          name: "full-disk",
          project_id: "demo",
          datastore: { type: "mysql", version: "8.0" },
          logs: { general: { file: logFile() } },
        },
      ],
    }),
  );
  // The data directory is the small filesystem (mounted 0755, as an older version left its directory:
  // tightened at start-up).
  disk = mountSmallTmpfs(8 * MB);
  server = await startOwnServer(PORT, {
    TROVE_LOGS_CONFIG: join(dir, "config.json"),
    TROVE_LOGS_DATA_DIR: disk.dir,
    TROVE_LOGS_ADMIN_PASSWORD: "full-disk-admin",
    TROVE_LOGS_DEMO_PASSWORD: "full-disk-demo",
  });
  client = await playwrightRequest.newContext({ baseURL: server.url });
  const login = await client.post("/api/auth/login", {
    data: { username: "demo", password: "full-disk-demo" },
  });
  expect(login.status()).toBe(200);
});

test.afterAll(async () => {
  await client?.dispose();
  server?.stop();
  await new Promise((resolve) => setTimeout(resolve, 500));
  disk?.unmount();
  rmSync(dir, { recursive: true, force: true });
});

test("a publish that fills the disk answers 507 saying so, logs why under a reference, and shows it on the log", async () => {
  expect(statSync(disk.dir).mode & 0o777).toBe(0o700);
  writeFileSync(ballast(), Buffer.alloc(5.5 * MB)); // something else takes most of the disk
  const error = await expectError(
    await client.post(logUrl, { data: { name: "general", publish: 1 } }),
    507,
    /^The object store is out of space: the disk of its data directory is full\. What was published is kept; publish again once space is freed\.$/,
  );
  expect(server!.output()).toMatch(
    new RegExp(`error ${error.reference}( \\(request [^)]+\\))?: .*\\n?.*ENOSPC`),
  );
  const log = await details();
  expect(log).toMatchObject({
    status: "Partial",
    publish_error: { message: error.message, reference: error.reference, at: expect.any(String) },
  });
  expect(log.published).toBeGreaterThan(0);
  expect(log.published).toBeLessThan(statSync(logFile()).size);
  // What is stored is private: objects 0600 in 0700 directories.
  const shard = readdirSync(join(disk.dir, "store", "blobs"))[0]!;
  const blob = readdirSync(join(disk.dir, "store", "blobs", shard))[0]!;
  expect(statSync(join(disk.dir, "store", "blobs", shard)).mode & 0o777).toBe(0o700);
  expect(statSync(join(disk.dir, "store", "blobs", shard, blob)).mode & 0o777).toBe(0o600);
});

test("a background publish on the full disk ends the same way", async () => {
  const before = (await details()).publish_error as { at: string };
  const started = await client.post(logUrl, { data: { name: "general", publish: 1, background: true } });
  if (started.status() !== 202) await expectError(started, 507, /^The object store is out of space/);
  await expect
    .poll(async () => {
      const log = await details();
      return log.publishing === null && (log.publish_error as { at: string }).at !== before.at;
    })
    .toBe(true);
  expect((await details()).publish_error).toMatchObject({
    message: expect.stringMatching(/^The object store is out of space/),
    reference: expect.stringMatching(/^[0-9a-f]{10}$/),
  });
});

test("once space is freed, the next publish continues exactly where the stored objects end", async () => {
  rmSync(ballast());
  const published = await client.post(logUrl, { data: { name: "general", publish: 1 } });
  expect(published.status(), await published.text()).toBe(200);
  const content = readFileSync(logFile());
  expect((await published.json()).log).toMatchObject({ status: "Published", published: content.length });
  const download = await client.get(`${logUrl}/general/download`);
  expect(Buffer.from(await download.body()).equals(content)).toBe(true);
  expect(await details()).toMatchObject({ publish_error: null });
});

test("a client that leaves in the middle of a download leaves nothing in the server log", async () => {
  const { cookies } = await client.storageState();
  const cookie = cookies.map((entry) => `${entry.name}=${entry.value}`).join("; ");
  const logged = server!.output().length;
  for (let attempt = 0; attempt < 5; attempt++) {
    await new Promise<void>((resolve, reject) => {
      const request = httpGet(
        `${server!.url}${logUrl}/general/download`,
        { headers: { cookie } },
        (response) => {
          expect(response.statusCode).toBe(200);
          response.once("data", () => {
            request.destroy(); // the client goes away with most of the 4 MB unread
            resolve();
          });
        },
      );
      request.on("error", (error) => (request.destroyed ? undefined : reject(error)));
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  // Nothing but the one-line-per-request access log.
  const lines = server!.output().slice(logged).split("\n");
  expect(lines.filter((line) => line.trim() && !line.includes('"msg":"request"'))).toEqual([]);
  // The server serves on as before.
  const download = await client.get(`${logUrl}/general/download`);
  expect(Buffer.from(await download.body()).equals(readFileSync(logFile()))).toBe(true);
});
