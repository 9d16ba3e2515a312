import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InstanceRecords } from "./instance-records";

let dir: string;
let now: number;
const clock = () => now;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "trove-logs-records-"));
  now = Date.parse("2026-12-01T20:40:06.000Z");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("instances' created and updated times", () => {
  it("created when first served; updated when the status changes or the instance is restarted", () => {
    const file = join(dir, "state", "instances.json");
    const records = new InstanceRecords(file, clock);
    records.register([{ id: "a", status: "ACTIVE" }]);
    now += 60_000;
    expect(records.observe("a", "ACTIVE")).toEqual({
      created: "2026-12-01T20:40:06.000Z",
      updated: "2026-12-01T20:40:06.000Z",
      status: "ACTIVE",
    });
    expect(records.observe("a", "RESTART_REQUIRED").updated).toBe("2026-12-01T20:41:06.000Z");
    now += 60_000;
    records.touch("a");
    expect(records.observe("a", "RESTART_REQUIRED").updated).toBe("2026-12-01T20:42:06.000Z");
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("survives a restart of the service: a known instance keeps its created time", () => {
    const file = join(dir, "instances.json");
    new InstanceRecords(file, clock).register([{ id: "a", status: "ACTIVE" }]);
    now += 3_600_000;
    const again = new InstanceRecords(file, clock);
    again.register([
      { id: "a", status: "ACTIVE" },
      { id: "b", status: "ACTIVE" },
    ]);
    const stored = JSON.parse(readFileSync(file, "utf8"));
    expect(stored.a.created).toBe("2026-12-01T20:40:06.000Z");
    expect(stored.b.created).toBe("2026-12-01T21:40:06.000Z");
  });

  it("keeps them in memory without a file, and refuses a file that is not its own", () => {
    const records = new InstanceRecords(undefined, clock);
    expect(records.observe("x", "ACTIVE").created).toBe("2026-12-01T20:40:06.000Z");
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ a: { created: 1 } }));
    expect(() => new InstanceRecords(file, clock)).toThrow(/not a valid instance records file/);
  });
});
