import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectError, loginAs, run, writeLogFile } from "../fixtures/api";
import { INSTANCES } from "../fixtures/run";

const logUrl = `/api/instances/${INSTANCES.mysql}/log`;
const action = (client: APIRequestContext, data: unknown) => client.post(logUrl, { data });
const T0 = Date.parse("2026-11-30T10:00:00Z");

/** A MySQL 8 slow log: a `# Time:` header per entry, lines without a time inside each block. */
function slowLog(entries: number): string {
  const blocks: string[] = [];
  for (let i = 0; i < entries; i += 1) {
    const time = new Date(T0 + i * 60_000).toISOString().replace("Z", "000Z");
    blocks.push(
      `# Time: ${time}\n# User@Host: shop[shop] @ localhost []  Id: ${i}\n` +
        `# Query_time: 2.5  Lock_time: 0.0 Rows_sent: 1  Rows_examined: 100000\n` +
        `SET timestamp=${Math.floor((T0 + i * 60_000) / 1000) - 2};\nSELECT *\n  FROM orders;\n`,
    );
  }
  return blocks.join("");
}

test.describe.configure({ mode: "serial" });

test.describe("time navigation API", () => {
  test("jumps to the first entry at or after an instant and draws the whole log's timeline", async () => {
    const demo = await loginAs("demo");
    expect((await action(demo, { name: "slow_query", discard: 1 })).status()).toBe(200);
    writeLogFile(run.logFile(INSTANCES.mysql, "slow_query"), slowLog(300));
    await expectError(
      await demo.get(`${logUrl}/slow_query/time?at=2026-11-30T10:00:00Z`),
      404,
      /nothing published/,
    );
    expect((await action(demo, { name: "slow_query", publish: 1 })).status()).toBe(200);

    // 10:30:30 falls inside entry 30's minute: the answer is entry 31's `# Time:` line (6 lines per entry).
    const jump = await demo.get(`${logUrl}/slow_query/time?at=2026-11-30T10:30:30Z`);
    expect(jump.status()).toBe(200);
    expect(await jump.json()).toEqual({
      line: 31 * 6 + 1,
      time: "2026-11-30T10:31:00.000Z",
      total_lines: 1800,
    });
    // An offset is an instant like any other; before the log: line 1; after it: null.
    expect(
      (await (await demo.get(`${logUrl}/slow_query/time?at=2026-11-30T11:30:30%2B01:00`)).json()).line,
    ).toBe(31 * 6 + 1);
    expect((await (await demo.get(`${logUrl}/slow_query/time?at=2020-01-01T00:00:00Z`)).json()).line).toBe(1);
    // Past the end: no line, and the time the log ends (before the instant asked for).
    const after = await (await demo.get(`${logUrl}/slow_query/time?at=2027-01-01T00:00:00Z`)).json();
    expect(after).toMatchObject({ line: null, total_lines: 1800 });
    expect(Date.parse(after.time)).toBeLessThan(Date.parse("2027-01-01T00:00:00Z"));
    expect(Date.parse(after.time)).toBeGreaterThan(Date.parse("2026-11-30T00:00:00Z"));

    const timeline = await (await demo.get(`${logUrl}/slow_query/timeline?buckets=5`)).json();
    expect(timeline).toMatchObject({
      first_time: "2026-11-30T10:00:00.000Z",
      last_time: "2026-11-30T14:59:00.000Z",
      total_lines: 1800,
      unindexed_objects: 0,
    });
    expect(timeline.buckets).toHaveLength(5);
    expect(timeline.buckets[0]).toMatchObject({ start: "2026-11-30T10:00:00.000Z", first_line: 1 });
    const lines = timeline.buckets.map((bucket: { lines: number }) => bucket.lines);
    expect(lines.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(1790);
    for (const count of lines) expect(Math.abs(count - 360)).toBeLessThan(15);
  });

  test("answers bad input with the reason, and the admin twins work", async () => {
    const demo = await loginAs("demo");
    await expectError(await demo.get(`${logUrl}/slow_query/time`), 400, /date and time/);
    await expectError(await demo.get(`${logUrl}/slow_query/time?at=yesterday`), 400, /date and time/);
    await expectError(await demo.get(`${logUrl}/slow_query/timeline?buckets=0`), 400, /buckets/);
    await expectError(await demo.get(`${logUrl}/slow_query/timeline?buckets=abc`), 400, /buckets/);
    await expectError(await demo.get(`${logUrl}/nosuchlog/timeline`), 404);
    await expectError(await demo.get(`/api/admin/instances/${INSTANCES.mysql}/log/slow_query/timeline`), 403);
    const admin = await loginAs("admin");
    const adminUrl = `/api/admin/instances/${INSTANCES.mysql}/log/slow_query`;
    expect((await (await admin.get(`${adminUrl}/time?at=2026-11-30T10:00:00Z`)).json()).line).toBe(1);
    expect((await (await admin.get(`${adminUrl}/timeline`)).json()).buckets).toHaveLength(120);
  });
});
