import { expect, test, type APIRequestContext } from "@playwright/test";
import { appendLogFile, expectError, loginAs, run, writeLogFile } from "../fixtures/api";
import { INSTANCES } from "../fixtures/run";

const logUrl = `/api/instances/${INSTANCES.mysql}/log`;
const generalFile = run.logFile(INSTANCES.mysql, "general");
const action = (client: APIRequestContext, data: unknown) => client.post(logUrl, { data });

/** Reset: discard the published copy and give the log a known file. */
async function freshGeneral(client: APIRequestContext, content: string | Buffer) {
  expect((await action(client, { name: "general", discard: 1 })).status()).toBe(200);
  writeLogFile(generalFile, content);
}

test.describe.configure({ mode: "serial" });

test.describe("log API", () => {
  test("lists Trove-shaped logs, exposed ones only for members", async () => {
    const demo = await loginAs("demo");
    const { logs } = await (await demo.get(logUrl)).json();
    expect(logs.map((log: { name: string }) => log.name)).toEqual(["general", "slow_query"]);
    for (const log of logs) {
      expect(Object.keys(log).sort()).toEqual([
        "container",
        "metafile",
        "name",
        "pending",
        "prefix",
        "published",
        "status",
        "type",
      ]);
      expect(Number.isInteger(log.published) && Number.isInteger(log.pending)).toBe(true);
    }
    const admin = await loginAs("admin");
    const all = await (await admin.get(logUrl)).json();
    // Trove's order: the datastore's logs, then the guest agent's.
    expect(all.logs.map((log: { name: string }) => log.name)).toEqual([
      "general",
      "slow_query",
      "error",
      "guest",
    ]);
  });

  test("enable, publish, tail, download and discard with Trove's semantics", async () => {
    const demo = await loginAs("demo");
    await freshGeneral(demo, "");
    await action(demo, { name: "general", disable: 1 });
    const enabled = await (await action(demo, { name: "general", enable: 1 })).json();
    expect(enabled.log).toMatchObject({
      name: "general",
      type: "USER",
      status: "Enabled",
      published: 0,
      container: "None",
      prefix: "None",
    });

    const content = Buffer.concat([
      Buffer.from(
        Array.from(
          { length: 300 },
          (_, i) =>
            `2026-11-25T10:00:${String(i % 60).padStart(2, "0")}Z\t${i} Query\tSELECT 'ünïcødé ${i}';\r\n`,
        ).join(""),
      ),
      Buffer.from([0xff, 0xfe, 0x0a]),
      Buffer.from("last line without newline"),
    ]);
    writeLogFile(generalFile, content);
    expect((await (await demo.post(logUrl, { data: { name: "general" } })).json()).log).toMatchObject({
      status: "Ready",
      pending: content.length,
    });

    const published = await (await action(demo, { name: "general", publish: true })).json();
    expect(published.log).toMatchObject({
      status: "Published",
      published: content.length,
      pending: 0,
      container: "database_logs",
      prefix: `${INSTANCES.mysql}/mysql-general/`,
      metafile: `${INSTANCES.mysql}/mysql-general_metafile`,
    });

    const tail = await demo.get(`${logUrl}/general/tail?lines=2`);
    expect(tail.headers()["content-type"]).toMatch(/^text\/plain/);
    expect(
      Buffer.from(await tail.body()).equals(
        Buffer.from([0xff, 0xfe, 0x0a, ...Buffer.from("last line without newline")]),
      ),
    ).toBe(true);
    const defaultTail = (await (await demo.get(`${logUrl}/general/tail`)).body()).toString("latin1");
    expect(defaultTail.split("\n")).toHaveLength(50);
    const whole = await (await demo.get(`${logUrl}/general/tail?lines=0`)).body();
    expect(whole.equals(content)).toBe(true);
    const skipped = await (await demo.get(`${logUrl}/general/tail?lines=-299`)).body();
    expect(skipped.toString("latin1")).toMatch(/^2026-11-25T10:00:59Z\t299 Query/);

    // Named `<instance name>-<log>-<UTC time>.log`; a real Content-Length (the browser shows progress).
    const before = Date.now();
    const download = await demo.get(`${logUrl}/general/download`);
    const downloaded = await download.body();
    expect(downloaded.equals(content)).toBe(true);
    const disposition = download.headers()["content-disposition"] ?? "";
    const named =
      /^attachment; filename="e2e-mysql-general-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z\.log"; filename\*=UTF-8''(.+)$/;
    expect(disposition).toMatch(named);
    const [, year, month, day, hour, minute, second, star] = named.exec(disposition) ?? [];
    expect(star).toBe(`e2e-mysql-general-${year}${month}${day}T${hour}${minute}${second}Z.log`);
    const stamp = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
    expect(Date.parse(stamp)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(stamp)).toBeLessThanOrEqual(Date.now());
    expect(download.headers()["content-length"]).toBe(String(downloaded.length));
    expect(download.headers()["transfer-encoding"]).toBeUndefined();
    expect(download.headers()["x-trove-logs-declared-length"]).toBeUndefined();

    appendLogFile(generalFile, " — completed\n");
    expect((await (await action(demo, { name: "general" })).json()).log.status).toBe("Partial");
    await action(demo, { name: "general", publish: 1 });
    const completed = await (await demo.get(`${logUrl}/general/tail?lines=1`)).body();
    expect(completed.toString()).toBe("last line without newline — completed\n");

    const discarded = await (await action(demo, { name: "general", discard: 1 })).json();
    expect(discarded.log).toMatchObject({ status: "Ready", published: 0, container: "None", prefix: "None" });
    await expectError(await demo.get(`${logUrl}/general/tail`), 404, /nothing published/);
    await expectError(await demo.get(`${logUrl}/general/download`), 404, /nothing published/);
    expect((await (await action(demo, { name: "general", discard: 1 })).json()).log.published).toBe(0);
  });

  test("publish+discard republishes from scratch; publish+disable leaves the log disabled", async () => {
    const demo = await loginAs("demo");
    await freshGeneral(demo, "one\n");
    await action(demo, { name: "general", publish: 1 });
    writeLogFile(generalFile, "rotated file\n");
    expect((await (await action(demo, { name: "general" })).json()).log.status).toBe("Rotated");
    const again = await (await action(demo, { name: "general", publish: 1, discard: 1 })).json();
    expect(again.log).toMatchObject({ status: "Published", published: 13 });
    expect((await (await demo.get(`${logUrl}/general/tail?lines=0`)).body()).toString()).toBe(
      "rotated file\n",
    );
    appendLogFile(generalFile, "more\n");
    const disabled = await (await action(demo, { name: "general", publish: 1, disable: 1 })).json();
    expect(disabled.log).toMatchObject({ status: "Disabled", published: 18 });
    await action(demo, { name: "general", enable: 1 });
  });

  test("answers bad requests with the reason", async () => {
    const demo = await loginAs("demo");
    await expectError(
      await action(demo, { name: "general", enable: 1, disable: 1 }),
      400,
      /Cannot enable and disable log/,
    );
    await expectError(await action(demo, { enable: 1 }), 400, /name/);
    await expectError(await action(demo, { name: "general", publish: "maybe" }), 400, /publish/);
    await expectError(await action(demo, { name: "" }), 400);
    await expectError(
      await demo.post(logUrl, {
        data: Buffer.from("{not json"),
        headers: { "content-type": "application/json" },
      }),
      400,
      /JSON/,
    );
    await expectError(await action(demo, { name: "audit" }), 404, /Log 'audit' is not defined/);
    await expectError(await action(demo, { name: "guest", publish: 1 }), 403, /admin/);
    await expectError(await demo.get(`${logUrl}/guest/tail`), 403);
    await expectError(await demo.get(`${logUrl}/general/tail?lines=abc`), 400, /lines/);
    await expectError(await demo.get(`/api/instances/${INSTANCES.otherProject}/log`), 404);
    const admin = await loginAs("admin");
    await expectError(
      await action(admin, { name: "guest", enable: 1 }),
      400,
      /Cannot enable a SYSTEM log \('guest'\)/,
    );
  });

  test("admins publish SYS logs into the owner's project", async () => {
    const admin = await loginAs("admin");
    writeLogFile(
      run.logFile(INSTANCES.mysql, "guest"),
      "2026-11-25 10:00:00.000 1 INFO trove.guestagent [-] started\n",
    );
    await action(admin, { name: "guest", discard: 1 });
    const log = (await (await action(admin, { name: "guest", publish: 1 })).json()).log;
    expect(log).toMatchObject({ type: "SYS", status: "Published" });
    const tail = await (await admin.get(`${logUrl}/guest/tail?lines=1`)).text();
    expect(tail).toContain("trove.guestagent");
  });

  test("PostgreSQL's general log needs a restart", async () => {
    const demo = await loginAs("demo");
    const url = `/api/instances/${INSTANCES.postgres}`;
    await demo.post(`${url}/log`, { data: { name: "general", disable: 1 } });
    await demo.post(`${url}/action`, { data: { restart: {} } });
    const enabled = await (await demo.post(`${url}/log`, { data: { name: "general", enable: 1 } })).json();
    expect(enabled.log.status).toBe("Restart Required");
    expect((await (await demo.get(url)).json()).instance.status).toBe("RESTART_REQUIRED");
    expect((await demo.post(`${url}/action`, { data: { restart: {} } })).status()).toBe(202);
    expect((await (await demo.get(url)).json()).instance.status).toBe("ACTIVE");
  });

  test("never answers 500 to malformed input", async () => {
    const demo = await loginAs("demo");
    const attempts = [
      demo.post(logUrl, { data: [] }),
      demo.post(logUrl, { data: null }),
      demo.post(logUrl, { data: { name: { nested: true } } }),
      demo.post(logUrl, { data: { name: "x".repeat(5000) } }),
      demo.post(logUrl, { data: { name: "../../etc/passwd", publish: 1 } }),
      demo.post(logUrl, { data: "x".repeat(100_000), headers: { "content-type": "application/json" } }),
      demo.get(`${logUrl}/general/tail?lines=1e400`),
      demo.get(`${logUrl}/general/tail?lines=-`),
      demo.get(`/api/instances/${"%00"}/log`),
      demo.get(`${logUrl}/%2e%2e/tail`),
      demo.post(`/api/instances/${INSTANCES.mysql}/action`, { data: { reboot: {} } }),
      demo.post("/api/auth/login", { data: { username: 7, password: [] } }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status(), `${response.url()} ${await response.text()}`).toBeGreaterThanOrEqual(400);
      expect(response.status(), `${response.url()} ${await response.text()}`).toBeLessThan(500);
    }
  });
});
