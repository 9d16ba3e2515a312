import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectError, loginAs, run, writeLogFile } from "../fixtures/api";
import { INSTANCES } from "../fixtures/run";

/** Filter mode over HTTP: whole entries, real line numbers, context, severities, counts, bad input. */

const pgBase = `/api/instances/${INSTANCES.postgres}/log/general`;
const errorBase = `/api/admin/instances/${INSTANCES.mysql}/log/error`;

/** PostgreSQL's default prefix; every 1000th statement fails, with its DETAIL and STATEMENT lines. */
const pgLog = Array.from({ length: 5000 }, (_, i) =>
  i % 1000 === 999
    ? `2026-12-01 10:00:00.000 UTC [42] ERROR:  duplicate key value violates unique constraint "k${i}"\n` +
      `2026-12-01 10:00:00.000 UTC [42] DETAIL:  Key (id)=(${i}) already exists.\n` +
      `2026-12-01 10:00:00.000 UTC [42] STATEMENT:  INSERT INTO t VALUES (${i});\n`
    : `2026-12-01 10:00:00.000 UTC [42] LOG:  statement: SELECT ${i};\n`,
).join("");

interface FilterEvent {
  type: string;
  lines?: Array<{ line: number; text: string; match: boolean; severity?: string }>;
  [key: string]: unknown;
}

async function filter(client: APIRequestContext, url: string) {
  const response = await client.get(url);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/ndjson/);
  const events: FilterEvent[] = (await response.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  // `progress` and `done` carry a count named `lines` too: only `lines` events hold lines.
  const lines = events.flatMap((event) => (event.type === "lines" ? (event.lines ?? []) : []));
  return { events, lines, done: events.at(-1)! };
}

test.describe.configure({ mode: "serial" });

test.describe("log filter API", () => {
  test.beforeAll(async () => {
    const demo = await loginAs("demo");
    writeLogFile(run.logFile(INSTANCES.postgres, "general"), pgLog);
    const url = `/api/instances/${INSTANCES.postgres}/log`;
    await demo.post(url, { data: { name: "general", discard: 1 } });
    expect((await demo.post(url, { data: { name: "general", publish: 1 } })).status()).toBe(200);
  });

  test("level=error shows each error entry whole (DETAIL, STATEMENT) at its real line, with counts", async () => {
    const demo = await loginAs("demo");
    const { events, lines, done } = await filter(demo, `${pgBase}/filter?level=error`);
    expect(events[0]).toMatchObject({ type: "progress", scanned: 0 });
    // Statements 999, 1999, …: each earlier error entry adds 2 lines (its DETAIL and STATEMENT).
    const starts = lines.filter((line) => line.severity === "error").map((line) => line.line);
    expect(starts).toEqual([1000, 2002, 3004, 4006, 5008]);
    expect(lines.slice(0, 3)).toEqual([
      {
        line: 1000,
        text: '2026-12-01 10:00:00.000 UTC [42] ERROR:  duplicate key value violates unique constraint "k999"',
        match: true,
        severity: "error",
      },
      {
        line: 1001,
        text: "2026-12-01 10:00:00.000 UTC [42] DETAIL:  Key (id)=(999) already exists.",
        match: true,
      },
      {
        line: 1002,
        text: "2026-12-01 10:00:00.000 UTC [42] STATEMENT:  INSERT INTO t VALUES (999);",
        match: true,
      },
    ]);
    expect(done).toMatchObject({ type: "done", entries: 5, lines: 15, truncated: false, total_lines: 5010 });
  });

  test("text with context: ±N lines around the entry, marked as context", async () => {
    const demo = await loginAs("demo");
    const { lines } = await filter(demo, `${pgBase}/filter?q=${encodeURIComponent("(id)=(1999)")}&context=2`);
    expect(lines.map((line) => [line.line, line.match])).toEqual([
      [2000, false],
      [2001, false],
      [2002, true],
      [2003, true],
      [2004, true],
      [2005, false],
      [2006, false],
    ]);
    const regex = await filter(
      demo,
      `${pgBase}/filter?q=${encodeURIComponent("SELECT 4[0-9]{3};")}&regex=1&limit=10`,
    );
    expect(regex.lines).toHaveLength(10);
    expect(regex.done).toMatchObject({ entries: 999, lines: 999, truncated: true }); // 4000–4998 (4999 failed)
  });

  test("the admin twin filters hidden logs; members get no filter of them", async () => {
    const admin = await loginAs("admin");
    writeLogFile(
      run.logFile(INSTANCES.mysql, "error"),
      "2026-12-01T10:00:00.000000Z 0 [Note] [MY-010116] mysqld starting\n" +
        "2026-12-01T10:00:01.000000Z 0 [Warning] [MY-010068] CA certificate is self signed\n" +
        "2026-12-01T10:00:02.000000Z 0 [ERROR] [MY-012574] InnoDB: Unable to lock ./ibdata1\n",
    );
    const url = `/api/instances/${INSTANCES.mysql}/log`;
    await admin.post(url, { data: { name: "error", discard: 1 } });
    expect((await admin.post(url, { data: { name: "error", publish: 1 } })).status()).toBe(200);
    const { lines } = await filter(admin, `${errorBase}/filter?level=warning,error`);
    expect(lines.map((line) => [line.line, line.severity])).toEqual([
      [2, "warning"],
      [3, "error"],
    ]);
    const demo = await loginAs("demo");
    expect((await demo.get(`${errorBase}/filter?level=error`)).status()).toBe(403);
    expect([403, 404]).toContain(
      (await demo.get(`/api/instances/${INSTANCES.mysql}/log/error/filter?level=error`)).status(),
    );
  });

  test("bad input is a 400 that says what to give", async () => {
    const demo = await loginAs("demo");
    await expectError(await demo.get(`${pgBase}/filter`), 400, /q \(text\) or level/);
    await expectError(await demo.get(`${pgBase}/filter?level=loud`), 400, /severities/);
    await expectError(await demo.get(`${pgBase}/filter?q=x&context=99`), 400);
    await expectError(await demo.get(`${pgBase}/filter?q=(&regex=1`), 400, /regular expression/);
  });
});
