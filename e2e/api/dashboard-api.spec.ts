import { expect, test } from "@playwright/test";
import { expectError, loginAs, run, writeLogFile } from "../fixtures/api";
import { INSTANCES } from "../fixtures/run";

const slowFile = run.logFile(INSTANCES.mysql, "slow_query");
const slowLines = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `# Query_time: ${i}.5 Lock_time: 0.0001 Rows_sent: ${i}\nSELECT ${i} FROM t;\n`,
  ).join("");

test.describe.configure({ mode: "serial" });

test.describe("dashboard API", () => {
  test("details add exposure, publish progress and the last failure to Trove's shape", async () => {
    const admin = await loginAs("admin");
    const { logs } = await (await admin.get(`/api/instances/${INSTANCES.mysql}/log?details=1`)).json();
    const byName = Object.fromEntries(logs.map((log: { name: string }) => [log.name, log]));
    expect(byName.guest).toMatchObject({
      type: "SYS",
      exposed: false,
      publishing: null,
      publish_error: null,
    });
    expect(byName.general).toMatchObject({ type: "USER", exposed: true });
  });

  test("a background publish answers at once and reports progress until done", async () => {
    const demo = await loginAs("demo");
    const url = `/api/instances/${INSTANCES.mysql}/log`;
    await demo.post(url, { data: { name: "slow_query", discard: 1 } });
    writeLogFile(slowFile, slowLines(60_000)); // ~4 MB in 4 KB objects: takes a while
    const started = await demo.post(url, { data: { name: "slow_query", publish: 1, background: true } });
    expect([200, 202]).toContain(started.status());
    let log = (await started.json()).log;
    const seen: number[] = [];
    for (let i = 0; i < 300 && log.publishing; i += 1) {
      seen.push(log.publishing.done);
      await new Promise((done) => setTimeout(done, 100));
      const { logs } = await (await demo.get(`${url}?details=1`)).json();
      log = logs.find((candidate: { name: string }) => candidate.name === "slow_query");
    }
    expect(log).toMatchObject({ status: "Published", publishing: null, publish_error: null, pending: 0 });
    if (started.status() === 202) expect(seen.length).toBeGreaterThan(0);
  });

  test("lines and search read the published log for the viewer", async () => {
    const demo = await loginAs("demo");
    const base = `/api/instances/${INSTANCES.mysql}/log/slow_query`;
    const tail = await (await demo.get(`${base}/lines?tail=2`)).json();
    expect(tail).toMatchObject({ first_line: 119_999, total_lines: 120_000, last_line_complete: true });
    expect(tail.lines).toEqual([
      "# Query_time: 59999.5 Lock_time: 0.0001 Rows_sent: 59999",
      "SELECT 59999 FROM t;",
    ]);
    const window = await (await demo.get(`${base}/lines?from_line=3&count=2`)).json();
    expect(window.lines).toEqual(["# Query_time: 1.5 Lock_time: 0.0001 Rows_sent: 1", "SELECT 1 FROM t;"]);
    await expectError(await demo.get(`${base}/lines?from_line=0`), 400);
    await expectError(await demo.get(`${base}/lines`), 400, /from_line or tail/);

    const search = await demo.get(`${base}/search?q=select%2042%20&limit=5`);
    expect(search.headers()["content-type"]).toMatch(/ndjson/);
    const events = (await search.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(events.filter((event) => event.type === "match")).toEqual([
      { type: "match", line: 86, text: "SELECT 42 FROM t;" },
    ]);
    expect(events.at(-1)).toMatchObject({ type: "done", total: 1, truncated: false });
    await expectError(await demo.get(`${base}/search?q=(&regex=1`), 400, /regular expression/);
    await expectError(
      await demo.get(`${base}/search?q=${encodeURIComponent("select(?= 42)")}&regex=1`),
      400,
      /Lookahead and lookbehind .* not supported/,
    );
    await expectError(await demo.get(`${base}/search?q=`), 400);
  });

  test("the Admin API answers 403 to members and serves every project to admins", async () => {
    const demo = await loginAs("demo");
    await expectError(await demo.get("/api/admin/instances"), 403, /administrators/);
    await expectError(await demo.get(`/api/admin/instances/${INSTANCES.mysql}/log`), 403);
    await expectError(await demo.get(`/api/admin/instances/${INSTANCES.mysql}/log/guest/tail`), 403);
    await expectError(
      await demo.post(`/api/admin/instances/${INSTANCES.mysql}/log`, { data: { name: "guest", publish: 1 } }),
      403,
    );
    const admin = await loginAs("admin");
    const { instances } = await (await admin.get("/api/admin/instances")).json();
    expect(instances).toHaveLength(3);
    const logs = (await (await admin.get(`/api/admin/instances/${INSTANCES.otherProject}/log`)).json()).logs;
    expect(logs.map((log: { name: string }) => log.name)).toContain("guest");
  });

  test("switches the session's project among the user's projects", async () => {
    const admin = await loginAs("admin");
    const switched = await admin.post("/api/auth/project", { data: { project: "ops" } });
    expect((await switched.json()).project).toEqual({ id: "ops", name: "ops" });
    const { instances } = await (await admin.get("/api/instances")).json();
    expect(instances.map((instance: { id: string }) => instance.id)).toEqual([INSTANCES.otherProject]);
    const demo = await loginAs("demo");
    await expectError(
      await demo.post("/api/auth/project", { data: { project: "ops" } }),
      403,
      /not a member/,
    );
  });
});
