import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedDemoLogs, startDemoWriters, type DemoLogTarget } from "@/lib/server/demo/demo-writer";
import { seededRandom } from "@/lib/server/demo/line-generators";
import { OperationsLog } from "@/lib/server/engine/operations-log";
import { createLocalObjectStore } from "@/lib/server/object-store/local-store";
import { ensurePrivateDir } from "@/lib/server/private-paths";
import { makeEngine, MEMBER, MYSQL, logFile, writeLog } from "@/lib/server/testing/engine-fixture";

// Everything Trove Logs writes under its data directory is the server's alone: published logs
// (hidden SYS logs among them), the store's index and temp files, settings, the demo's log files.
let dir: string;
let umask: number;

/** Every directory and file below `root` with its permission bits, e.g. `["store/index.sqlite", 0o600]`. */
function modes(root: string, below = ""): Array<[string, number]> {
  const found: Array<[string, number]> = [];
  for (const name of readdirSync(join(root, below))) {
    const path = join(below, name);
    const stat = lstatSync(join(root, path));
    found.push([path, stat.mode & 0o777]);
    if (stat.isDirectory()) found.push(...modes(root, path));
  }
  return found;
}

const loose = (entries: Array<[string, number]>) =>
  entries
    .filter(([path, mode]) => mode !== (lstatSync(join(dir, path)).isDirectory() ? 0o700 : 0o600))
    .map(([path, mode]) => `${path} ${mode.toString(8)}`);

beforeEach(() => {
  umask = process.umask(0o022); // the usual umask: without care, files come out 0644
  dir = mkdtempSync(join(tmpdir(), "trove-logs-modes-"));
  chmodSync(dir, 0o755);
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

describe("the data directory's modes", () => {
  it("an existing data directory left open by an older version is closed at start-up", () => {
    const data = join(dir, "data");
    mkdirSync(data, { mode: 0o755 });
    ensurePrivateDir(data);
    expect(lstatSync(data).mode & 0o777).toBe(0o700);
    ensurePrivateDir(join(dir, "fresh", "data"));
    expect(lstatSync(join(dir, "fresh", "data")).mode & 0o777).toBe(0o700);
  });

  it("published objects, the store's index and the log settings are 0600 in 0700 directories", async () => {
    const store = createLocalObjectStore({ dir: join(dir, "store") });
    try {
      const engine = makeEngine({ dir, store }, { limit: 4096 });
      writeLog(logFile(dir, "mysql", "general"), "SELECT 1;\n".repeat(2_000));
      writeLog(logFile(dir, "mysql", "error"), "[ERROR] a SYS log, hidden from the project\n");
      await engine.logAction(MEMBER, MYSQL, { name: "general", enable: true, publish: true });
      await engine.logAction({ projectId: "admin", isAdmin: true }, MYSQL, { name: "error", publish: true });
      await store.sweep({ graceMs: 0 });
      const stored = modes(dir).filter(([path]) => path.startsWith("store") || path.startsWith("state"));
      expect(stored.map(([path]) => path)).toEqual(
        expect.arrayContaining(["store/index.sqlite", "store/tmp", "state/log-settings.json"]),
      );
      expect(stored.filter(([path]) => path.startsWith("store/blobs/")).length).toBeGreaterThan(5);
      expect(loose(stored)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("the guest log Trove Logs writes and the demo's log files are 0600 in 0700 directories", async () => {
    const guest = new OperationsLog(join(dir, "logs", "instance", "guest.log"));
    await guest.info("Enabled log 'general'");
    const target = (name: string, kind: DemoLogTarget["kind"]): DemoLogTarget => ({
      instanceId: "instance",
      logName: name,
      kind,
      file: join(dir, "demo-logs", "instance", `${name}.log`),
    });
    await seedDemoLogs([target("general", "mysql-general")], () => true, { random: seededRandom(1) });
    let clock = Date.now();
    const writers = startDemoWriters({
      logs: [target("slow_query", "mysql-slow")],
      isLogging: () => true,
      intervalMs: 10,
      maxBytes: 2_000, // rotates too: the rotated file keeps its mode
      random: seededRandom(2),
      now: () => (clock += 600_000), // ten minutes of lines per tick
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await writers.stop();
    const written = modes(dir).filter(([path]) => !path.startsWith("logs/mysql"));
    expect(written.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        "logs/instance/guest.log",
        "demo-logs/instance/general.log",
        "demo-logs/instance/slow_query.log",
        "demo-logs/instance/slow_query.log.1",
      ]),
    );
    expect(loose(written)).toEqual([]);
  });
});
