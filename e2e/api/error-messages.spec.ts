import { expect, test, type APIRequestContext } from "@playwright/test";
import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { expectError, INTERNAL_DETAIL, loginAs, run, writeLogFile } from "../fixtures/api";
import { INSTANCES } from "../fixtures/run";

// Errors say what happened and nothing internal: no file path, address or URL of the server in any
// answer, whatever the request. The configured server's own logs and store are used (and restored).
const pgLog = `/api/instances/${INSTANCES.postgres}/log`;
const pgGeneral = run.logFile(INSTANCES.postgres, "general");

test.describe.configure({ mode: "serial" });

let demo: APIRequestContext;
test.beforeAll(async () => {
  demo = await loginAs("demo");
});
test.afterAll(async () => {
  // Publishing enabled the log (Restart Required on PostgreSQL): disabling cancels that, as it was.
  await demo.post(pgLog, { data: { name: "general", disable: 1, discard: 1 } });
  await demo.dispose();
});

test("publishing a log nothing has written yet says so, without the file's path", async () => {
  rmSync(pgGeneral, { force: true });
  await demo.post(pgLog, { data: { name: "general", discard: 1 } });
  const error = await expectError(
    await demo.post(pgLog, { data: { name: "general", publish: 1 } }),
    400,
    /^Nothing has been written to this log \('general'\) yet, so there is nothing to publish\.$/,
  );
  expect(error.reference).toBeUndefined(); // the caller's to act on: nothing for the server log

  // Published once, then the file goes: that is said too.
  writeLogFile(pgGeneral, "2026-11-25 10:00:00 UTC [1] LOG:  statement: SELECT 1\n");
  expect((await demo.post(pgLog, { data: { name: "general", publish: 1 } })).status()).toBe(200);
  rmSync(pgGeneral);
  await expectError(
    await demo.post(pgLog, { data: { name: "general", publish: 1 } }),
    400,
    /^The file of log 'general' is gone \(rotated away or removed\)/,
  );
});

test("'.' and '..' are refused as log names with a 400 that says why", async () => {
  for (const name of [".", ".."]) {
    await expectError(
      await demo.post(pgLog, { data: { name, publish: 1 } }),
      400,
      /log name must not be '\.' or '\.\.'/,
    );
  }
});

/** A request exactly as written (no URL normalisation), as a hostile client sends it. */
function rawGet(path: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(run.configured.url);
    const request = httpRequest(
      { host: url.hostname, port: url.port, path, headers: { cookie } },
      (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on("error", reject);
    request.end();
  });
}

test("no error the API can be made to give names a path, an address or a URL of the server", async () => {
  const mysql = `/api/instances/${INSTANCES.mysql}`;
  await demo.post(`${mysql}/log`, { data: { name: "slow_query", discard: 1 } });
  const errors: Array<[string, Promise<Awaited<ReturnType<APIRequestContext["get"]>>>, number]> = [
    ["unknown instance", demo.get("/api/instances/no-such-instance"), 404],
    ["another project's instance", demo.get(`/api/instances/${INSTANCES.otherProject}/log`), 404],
    ["unknown log", demo.get(`${mysql}/log/audit/tail`), 404],
    ["a log hidden from members", demo.get(`${mysql}/log/guest/download`), 403],
    ["nothing published", demo.get(`${mysql}/log/slow_query/lines?tail=10`), 404],
    ["bad query", demo.get(`${mysql}/log/general/tail?lines=many`), 400],
    ["bad id", demo.get("/api/instances/%24%7Bjndi%7D/log"), 400],
    [
      "bad body",
      demo.post(`${mysql}/log`, { data: "{not json", headers: { "content-type": "application/json" } }),
      400,
    ],
    ["an ambiguous flag", demo.post(`${mysql}/log`, { data: { name: "general", publish: "maybe" } }), 400],
    ["admin API as a member", demo.get(`/api/admin/instances/${INSTANCES.mysql}/log`), 403],
    ["unknown route", demo.get("/api/etc/passwd"), 404],
  ];
  for (const [what, response, status] of errors) {
    await test.step(what, async () => {
      await expectError(await response, status);
    });
  }
  const cookie = (await demo.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  for (const path of [
    `${mysql}/log/%2E%2E/tail`,
    "/api/instances/%2E%2E/log",
    "/api/instances/..%2F..%2Fetc/log",
    `${mysql}/log/..%5C..%5Cstate/download`,
  ]) {
    await test.step(path, async () => {
      const { status, body } = await rawGet(path, cookie);
      expect(status, body).toBeLessThan(500);
      expect(body).not.toMatch(INTERNAL_DETAIL);
      expect(body).not.toContain(run.dir);
    });
  }
});

test("a damaged store: 503 that says so with a reference, the same on the log's publish_error; nothing internal", async () => {
  const tmp = join(run.configured.dataDir, "store", "tmp");
  writeLogFile(pgGeneral, "2026-11-25 10:00:00 UTC [1] LOG:  statement: SELECT 2\n");
  await demo.post(pgLog, { data: { name: "general", discard: 1 } });
  renameSync(tmp, `${tmp}.saved`);
  writeFileSync(tmp, "a file where the store keeps its temporary files\n");
  try {
    const error = await expectError(
      await demo.post(pgLog, { data: { name: "general", publish: 1 } }),
      503,
      /^The object store cannot use its disk \(ENOTDIR\)$/,
    );
    expect(error.reference).toMatch(/^[0-9a-f]{10}$/);
    const { logs } = await (await demo.get(`${pgLog}?details=1`)).json();
    expect(logs.find((log: { name: string }) => log.name === "general").publish_error).toEqual({
      message: error.message,
      reference: error.reference,
      at: expect.any(String),
    });
  } finally {
    rmSync(tmp, { force: true });
    if (existsSync(`${tmp}.saved`)) renameSync(`${tmp}.saved`, tmp);
  }
  // Repaired: the publish goes through and the note goes.
  expect((await demo.post(pgLog, { data: { name: "general", publish: 1 } })).status()).toBe(200);
  const { logs } = await (await demo.get(`${pgLog}?details=1`)).json();
  const general = logs.find((log: { name: string }) => log.name === "general");
  expect(general).toMatchObject({ publish_error: null, pending: 0 });
  expect(general.published).toBeGreaterThan(0);
});
