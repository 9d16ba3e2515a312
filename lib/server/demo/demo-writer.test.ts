import "server-only";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startDemoWriters, type DemoLogTarget, type DemoWriters } from "./demo-writer";
import { createLogGenerator, seededRandom } from "./line-generators";

const MYSQL_HEADER = createLogGenerator("mysql-general").header(0);

let dir: string;
let writers: DemoWriters | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "demo-writer-"));
});

afterEach(async () => {
  await writers?.stop();
  writers = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** A clock that moves one second per tick, so each 20 ms tick writes a second's worth of activity. */
function fastClock(): () => number {
  let now = Date.UTC(2026, 10, 25, 14, 0, 0);
  return () => (now += 1000);
}

async function sizeOf(file: string): Promise<number> {
  return stat(file).then(
    (info) => info.size,
    () => -1,
  );
}

async function until(condition: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function target(
  logName: string,
  kind: DemoLogTarget["kind"],
  file = join(dir, "inst", `${logName}.log`),
): DemoLogTarget {
  return { instanceId: "inst", logName, kind, file };
}

describe("startDemoWriters", () => {
  it("writes a log only while it is logging, starting a new file with the header", async () => {
    const general = target("general", "mysql-general");
    const slow = target("slow_query", "mysql-slow", join(dir, "deep", "er", "slow.log"));
    let checks = 0;
    const logging = new Map([
      ["general", true],
      ["slow_query", false],
    ]);
    writers = startDemoWriters({
      logs: [general, slow],
      isLogging: (_id, name) => {
        if (name === "general") checks += 1;
        return logging.get(name) ?? false;
      },
      intervalMs: 20,
      now: fastClock(),
      random: seededRandom(1),
    });

    await until(async () => (await sizeOf(general.file)) > MYSQL_HEADER.length + 500);
    expect(await sizeOf(slow.file)).toBe(-1);
    const text = await readFile(general.file, "utf8");
    expect(text.startsWith(MYSQL_HEADER)).toBe(true);
    expect(text).toMatch(/^\S+Z\t +\d+ Query\t/m);

    logging.set("general", false);
    logging.set("slow_query", true);
    // Ticks never overlap: once a second tick has asked, any tick under way at the switch is done.
    const asked = checks;
    await until(async () => checks >= asked + 2);
    const frozen = await sizeOf(general.file);
    await until(async () => (await sizeOf(slow.file)) > 2000);
    expect(await sizeOf(general.file)).toBe(frozen);
    expect((await readFile(slow.file, "utf8")).startsWith(MYSQL_HEADER)).toBe(true);
  });

  it("writes the header again when a log is switched back on, as mysqld does when it reopens the file", async () => {
    const general = target("general", "mysql-general");
    let on = true;
    let checks = 0;
    const isLogging = () => {
      checks += 1;
      return on;
    };
    writers = startDemoWriters({ logs: [general], isLogging, intervalMs: 20, now: fastClock() });
    await until(async () => (await sizeOf(general.file)) > 0);
    on = false;
    const asked = checks;
    await until(async () => checks >= asked + 2);
    on = true;
    await until(async () => (await readFile(general.file, "utf8")).split(MYSQL_HEADER).length === 3);
  });

  it("writes the header at once when told logging started, without waiting for a tick", async () => {
    const general = target("general", "mysql-general");
    let on = false;
    // Ticks an hour apart: only loggingStarted can write before the test ends.
    writers = startDemoWriters({ logs: [general], isLogging: () => on, intervalMs: 3_600_000 });
    await writers.loggingStarted("inst", "general");
    expect(await sizeOf(general.file)).toBe(-1); // not logging: nothing to open
    on = true;
    await writers.loggingStarted("inst", "general");
    expect((await readFile(general.file, "utf8")).startsWith(MYSQL_HEADER)).toBe(true);
    await writers.loggingStarted("inst", "slow_query"); // no writer for it: nothing happens
  });

  it("rotates at maxBytes: the file moves to .1 and a fresh one starts with the header", async () => {
    const general = target("general", "mysql-general");
    writers = startDemoWriters({
      logs: [general],
      isLogging: () => true,
      intervalMs: 20,
      maxBytes: 8192,
      now: fastClock(),
    });
    await until(async () => (await sizeOf(`${general.file}.1`)) > 0);
    await writers.stop();
    const rotated = await readFile(`${general.file}.1`, "utf8");
    const fresh = await readFile(general.file, "utf8");
    expect(Buffer.byteLength(rotated)).toBeGreaterThanOrEqual(8192);
    expect(rotated.startsWith(MYSQL_HEADER)).toBe(true);
    expect(fresh.startsWith(MYSQL_HEADER)).toBe(true);
    expect(Buffer.byteLength(fresh)).toBeLessThan(8192);
  });

  it("stops growing after stop()", async () => {
    const logs = [target("general", "postgresql-general"), target("guest", "guest")];
    writers = startDemoWriters({ logs, isLogging: () => true, intervalMs: 20, now: fastClock() });
    await until(async () => (await sizeOf(logs[0]!.file)) > 1000 && (await sizeOf(logs[1]!.file)) > 0);
    await writers.stop();
    await writers.stop();
    const sizes = await Promise.all(logs.map((log) => sizeOf(log.file)));
    await sleep(100);
    expect(await Promise.all(logs.map((log) => sizeOf(log.file)))).toEqual(sizes);
  });

  it("reports a file it cannot write once, and keeps writing the others", async () => {
    await writeFile(join(dir, "not-a-dir"), "x");
    const broken = target("error", "mysql-error", join(dir, "not-a-dir", "mysqld.log"));
    const fine = target("general", "mariadb-general");
    const onError = vi.fn();
    writers = startDemoWriters({
      logs: [broken, fine],
      isLogging: () => true,
      intervalMs: 20,
      now: fastClock(),
      onError,
    });
    await until(async () => (await sizeOf(fine.file)) > 2000);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBe(broken.file);
  });

  it("survives an isLogging that throws", async () => {
    const general = target("general", "mysql-general");
    writers = startDemoWriters({
      logs: [general],
      isLogging: () => {
        throw new Error("engine not ready");
      },
      intervalMs: 20,
    });
    await sleep(80);
    expect(await sizeOf(general.file)).toBe(-1);
  });
});
