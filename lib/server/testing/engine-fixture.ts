import "server-only";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  GuestLogEngine,
  type Caller,
  type EngineInstance,
  type EngineOptions,
} from "@/lib/server/engine/guest-log-engine";
import { DEFAULT_EXPOSED_LOGS } from "@/lib/server/engine/log-definitions";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { createLocalObjectStore, type LocalObjectStore } from "@/lib/server/object-store/local-store";
import { listAllObjects } from "@/lib/server/object-store/list-all";

export const MEMBER: Caller = { projectId: "demo", isAdmin: false };
export const OTHER_MEMBER: Caller = { projectId: "ops", isAdmin: false };
export const ADMIN: Caller = { projectId: "admin", isAdmin: true };
export const MYSQL = "11111111-aaaa-4000-8000-000000000001";
export const POSTGRES = "22222222-bbbb-4000-8000-000000000002";

/** A temporary data directory (tmpfs when the machine has one) with a real local store. */
export function makeWorkspace() {
  const base = process.platform === "linux" ? "/dev/shm" : tmpdir();
  const dir = mkdtempSync(join(base, "trove-logs-test-"));
  const store = createLocalObjectStore({ dir: join(dir, "store") });
  return {
    dir,
    store,
    file: (name: string) => join(dir, "logs", name),
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function instances(dir: string): EngineInstance[] {
  const logs = (names: string[], datastore: string) =>
    Object.fromEntries(names.map((name) => [name, join(dir, "logs", `${datastore}-${name}.log`)]));
  return [
    {
      id: MYSQL,
      name: "orders-db",
      projectId: "demo",
      datastore: { type: "mysql", version: "8.0" },
      logFiles: logs(["guest", "error", "general", "slow_query"], "mysql"),
    },
    {
      id: POSTGRES,
      name: "analytics-pg",
      projectId: "demo",
      datastore: { type: "postgresql", version: "15" },
      logFiles: logs(["guest", "general"], "postgresql"),
    },
  ];
}

export function makeEngine(
  workspace: { dir: string; store: ObjectStore | LocalObjectStore },
  overrides: Partial<EngineOptions> = {},
): GuestLogEngine {
  return new GuestLogEngine({
    store: workspace.store,
    instances: instances(workspace.dir),
    settingsFile: join(workspace.dir, "state", "log-settings.json"),
    containerName: "database_logs",
    limit: 1_000_000,
    expiry: 2_592_000,
    exposedLogs: { ...DEFAULT_EXPOSED_LOGS },
    ...overrides,
  });
}

export const logFile = (dir: string, datastore: string, log: string) =>
  join(dir, "logs", `${datastore}-${log}.log`);

export function writeLog(path: string, content: string | Uint8Array): void {
  rmSync(path, { force: true });
  appendLog(path, content);
}

export function appendLog(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, content);
}

/** The published copy: every object under the prefix, concatenated in name order. */
export async function publishedBytes(
  store: ObjectStore,
  account: string,
  prefix: string,
  container = "database_logs",
): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const entry of listAllObjects(store, account, container, { prefix })) {
    if (entry.kind !== "object") continue;
    const read = await store.getObject(account, container, entry.name);
    for await (const chunk of read.body) parts.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(parts);
}

export async function objectNames(
  store: ObjectStore,
  account: string,
  prefix: string,
  container = "database_logs",
): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of listAllObjects(store, account, container, { prefix })) {
      if (entry.kind === "object") names.push(entry.name);
    }
  } catch {
    return [];
  }
  return names;
}
