import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { downloadLog } from "@/lib/server/log-reader/download";
import { withLateFailure, withPutOutage } from "@/lib/server/testing/faulty-store";
import { runAndKill } from "@/lib/server/testing/kill-child";
import {
  appendLog,
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  objectNames,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import { expectExactCopy as expectCopy } from "@/lib/server/testing/exact-copy";

let workspace: ReturnType<typeof makeWorkspace>;
const general = () => logFile(workspace.dir, "mysql", "general");
const prefix = `${MYSQL}/mysql-general/`;
const lines = (from: number, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `${from + i} SELECT * FROM orders WHERE note = 'naïve ${i}';\n`,
  ).join("");

const expectExactCopy = (engine = makeEngine(workspace, { limit: 4096 })) =>
  expectCopy(engine, workspace.store, general());

beforeEach(() => {
  workspace = makeWorkspace();
});
afterEach(async () => workspace.cleanup());

describe("interrupted publishes", () => {
  it.each([0, 1, 5, 24])(
    "a store outage after %i objects loses and duplicates nothing",
    async (failAfter) => {
      writeLog(general(), lines(0, 2000));
      const flaky = makeEngine(
        { ...workspace, store: withPutOutage(workspace.store, failAfter) },
        { limit: 4096 },
      );
      await expect(flaky.logAction(MEMBER, MYSQL, { name: "general", publish: true })).rejects.toThrow(
        /unreachable/,
      );
      const partial = await expectExactCopy(flaky);
      expect(partial.published).toBeLessThan(readFileSync(general()).length);
      // Publishing again (same process, or after a restart) continues where the store left off.
      expect((await flaky.logAction(MEMBER, MYSQL, { name: "general", publish: true })).status).toBe(
        "Published",
      );
      await expectExactCopy();
    },
  );

  it("an upload failing after later ones were stored: those are deleted, the copy stays whole and continues", async () => {
    writeLog(general(), lines(0, 2000));
    const engine = makeEngine({ ...workspace, store: withLateFailure(workspace.store, 5) }, { limit: 4096 });
    await expect(engine.logAction(MEMBER, MYSQL, { name: "general", publish: true })).rejects.toThrow(
      /unreachable/,
    );
    const partial = await expectExactCopy(engine); // every stored object is part of the copy
    expect(partial.published).toBeGreaterThan(0);
    expect(await objectNames(workspace.store, "demo", prefix)).toHaveLength(5);
    expect((await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true })).status).toBe(
      "Published",
    );
    await expectExactCopy();
  });

  it("uploads in flight when the process died (a gap before the newest objects): the next start continues from the gap", async () => {
    writeLog(general(), lines(0, 2000));
    const crashed = makeEngine(
      { ...workspace, store: withLateFailure(workspace.store, 5, { deletesFail: true }) },
      { limit: 4096 },
    );
    await expect(crashed.logAction(MEMBER, MYSQL, { name: "general", publish: true })).rejects.toThrow();
    const stored = await objectNames(workspace.store, "demo", prefix);
    expect(stored.length).toBeGreaterThan(5); // objects after the failed one were left behind

    const restarted = makeEngine(workspace, { limit: 4096 });
    const before = await restarted.logAction(MEMBER, MYSQL, { name: "general" });
    expect(before.status).toBe("Partial");
    const heads = stored.slice(0, 5).map((name) => workspace.store.headObject("demo", "database_logs", name));
    const unbroken = (await Promise.all(heads)).reduce((sum, info) => sum + info.bytes, 0);
    expect(before.published).toBe(unbroken);
    // Readers see the unbroken copy too, not the strays after the gap.
    const located = await restarted.locatePublished(MEMBER, MYSQL, "general");
    const { body } = await downloadLog(located);
    const parts: Buffer[] = [];
    for await (const part of body) parts.push(Buffer.from(part));
    expect(Buffer.concat(parts).equals(readFileSync(general()).subarray(0, unbroken))).toBe(true);
    await restarted.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    expect((await expectExactCopy(restarted)).status).toBe("Published");
    const names = await objectNames(workspace.store, "demo", prefix);
    expect(names).toEqual([...names].sort());
  });

  it("a failed metafile write is repaired from the objects on the next start", async () => {
    writeLog(general(), lines(0, 50));
    const objectsOnly = makeEngine(
      { ...workspace, store: withPutOutage(workspace.store, 1, 1) },
      { limit: 1_000_000 },
    );
    // One object fits everything; the put after it is the metafile, which fails.
    await objectsOnly.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    await expect(
      workspace.store.headObject("demo", "database_logs", `${MYSQL}/mysql-general_metafile`),
    ).rejects.toThrow();
    appendLog(general(), lines(50, 10));
    const fresh = makeEngine(workspace, { limit: 4096 });
    expect(await fresh.logAction(MEMBER, MYSQL, { name: "general" })).toMatchObject({ status: "Partial" });
    await fresh.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    expect((await expectExactCopy(fresh)).status).toBe("Published");
  });

  it.each([1, 3, 9])(
    "a publishing process killed after %i objects loses and duplicates nothing",
    async (killAfter) => {
      writeLog(general(), lines(0, 3000));
      const killed = await runAndKill({
        script: join(__dirname, "../testing/publish-child.ts"),
        env: { PUBLISH_DIR: workspace.dir, PUBLISH_LIMIT: "4096" },
        signal: "object",
        killAfter,
      });
      expect(killed.exitSignal, killed.stderr).toBe("SIGKILL");
      const engine = makeEngine(workspace, { limit: 4096 });
      const afterKill = await expectExactCopy(engine);
      expect(afterKill.published).toBeGreaterThanOrEqual(killAfter * 3000);
      await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
      expect((await expectExactCopy(engine)).status).toBe("Published");
    },
  );
});

describe("concurrent publishes", () => {
  it("two publishes of the same log at once neither duplicate nor interleave", async () => {
    writeLog(general(), lines(0, 1500));
    const engine = makeEngine(workspace, { limit: 4096 });
    const publish = () => engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    const first = publish();
    appendLog(general(), lines(1500, 100));
    const results = await Promise.all([first, publish(), publish()]);
    expect(results.map((log) => log.status)).toContain("Published");
    const log = await expectExactCopy(engine);
    expect(log).toMatchObject({ status: "Published", pending: 0 });
    const names = await objectNames(workspace.store, "demo", prefix);
    expect(names).toEqual([...names].sort());
  });

  it("a discard racing a publish leaves a consistent copy", async () => {
    writeLog(general(), lines(0, 800));
    const engine = makeEngine(workspace, { limit: 4096 });
    await Promise.all([
      engine.logAction(MEMBER, MYSQL, { name: "general", publish: true }),
      engine.logAction(MEMBER, MYSQL, { name: "general", discard: true }),
      engine.logAction(MEMBER, MYSQL, { name: "general", publish: true }),
    ]);
    expect((await expectExactCopy(engine)).status).toBe("Published");
  });
});

describe("logs with more than 10,000 objects", () => {
  it("publishes, shows, republishes and discards past one listing page", async () => {
    writeLog(general(), "0123456789\n".repeat(10_050));
    const engine = makeEngine(workspace, { limit: 11 });
    expect(await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true })).toMatchObject({
      status: "Published",
      published: 110_550,
    });
    expect(await objectNames(workspace.store, "demo", prefix)).toHaveLength(10_050);
    appendLog(general(), "x\n");
    const restarted = makeEngine(workspace, { limit: 11 });
    expect(await restarted.logAction(MEMBER, MYSQL, { name: "general" })).toMatchObject({
      status: "Partial",
      published: 110_550,
    });
    await restarted.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    await expectExactCopy(restarted);
    await restarted.logAction(MEMBER, MYSQL, { name: "general", discard: true });
    expect(await objectNames(workspace.store, "demo", prefix)).toEqual([]);
  }, 120_000);
});
