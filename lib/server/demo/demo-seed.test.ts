import "server-only";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { seedDemoLogs, type DemoLogTarget } from "./demo-writer";
import { createLogGenerator, DEMO_LOG_KINDS, seededRandom } from "./line-generators";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "demo-seed-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

it("writes a backlog only for logs that are logging and have no file yet", async () => {
  const logs: DemoLogTarget[] = DEMO_LOG_KINDS.map((kind) => ({
    instanceId: "inst",
    logName: kind,
    kind,
    file: join(dir, "demo-logs", "inst", `${kind}.log`),
  }));
  const off = "mysql-slow";
  const existing = logs.find((log) => log.kind === "guest")!;
  await mkdir(join(dir, "demo-logs", "inst"), { recursive: true });
  await writeFile(existing.file, "kept as it was\n");

  const created = await seedDemoLogs(logs, (_id, name) => name !== off, { random: seededRandom(5) });

  expect(created.sort()).toEqual(
    logs
      .filter((log) => log.kind !== off && log !== existing)
      .map((log) => log.file)
      .sort(),
  );
  expect(await exists(logs.find((log) => log.kind === off)!.file)).toBe(false);
  expect(await readFile(existing.file, "utf8")).toBe("kept as it was\n");

  for (const log of logs.filter((entry) => created.includes(entry.file))) {
    const text = await readFile(log.file, "utf8");
    const size = Buffer.byteLength(text);
    const lines = text.split("\n").length - 1;
    expect(size, log.kind).toBeLessThanOrEqual(110 * 1024);
    expect(lines, log.kind).toBeGreaterThanOrEqual(20);
    expect(text.endsWith("\n")).toBe(true);
    // The backlog opens with the kind's header block (its first line, for kinds whose header carries a time).
    const header = createLogGenerator(log.kind, { random: seededRandom(1) }).header(Date.now());
    const firstLine = header.slice(0, header.indexOf("\n"));
    expect(text.slice(0, text.indexOf("\n")).replace(/\d/g, "0"), log.kind).toBe(
      firstLine.replace(/\d/g, "0"),
    );
  }
  const general = await readFile(logs.find((log) => log.kind === "mysql-general")!.file, "utf8");
  expect(general.split("\n").length).toBeGreaterThan(200);
});

it("does nothing the second time", async () => {
  const logs: DemoLogTarget[] = [
    { instanceId: "i", logName: "general", kind: "mysql-general", file: join(dir, "g.log") },
  ];
  expect(await seedDemoLogs(logs, () => true)).toEqual([join(dir, "g.log")]);
  const before = await readFile(join(dir, "g.log"), "utf8");
  expect(await seedDemoLogs(logs, () => true)).toEqual([]);
  expect(await readFile(join(dir, "g.log"), "utf8")).toBe(before);
});
