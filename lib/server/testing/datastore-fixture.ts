import "server-only";
import { writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { join } from "node:path";
import { loadServiceConfig } from "@/lib/server/config/service-config";
import type { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import { downloadLog } from "@/lib/server/log-reader/download";
import type { PublishedLog } from "@/lib/server/log-reader/published-log";
import { tailLog } from "@/lib/server/log-reader/tail";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { listAllObjects } from "@/lib/server/object-store/list-all";
import type { SwiftObjectStore } from "@/lib/server/object-store/swift-store";
import { openTestStore, requireSwift } from "@/lib/server/object-store/testing/swift-test-env";
import { ADMIN, makeEngine, makeWorkspace } from "./engine-fixture";

/** An engine over instances read from a TROVE_LOGS_CONFIG document, the way the service reads them. */
export function engineFromConfig(
  workspace: { dir: string; store: ObjectStore },
  config: unknown,
): GuestLogEngine {
  const configFile = join(workspace.dir, "trove-logs.json");
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const service = loadServiceConfig({ configFile, dataDir: workspace.dir });
  return makeEngine(workspace, { instances: service.instances, exposedLogs: service.exposedLogs });
}

async function text(body: AsyncIterable<unknown>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of body) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts).toString("utf8");
}

/** The published log as a reader sees it: its last `lines` lines and the whole download. */
export async function readPublished(
  engine: GuestLogEngine,
  instanceId: string,
  logName: string,
  lines = 200,
) {
  const located: PublishedLog = await engine.locatePublished(ADMIN, instanceId, logName);
  const tail = await text(await tailLog(located, lines));
  const download = await downloadLog(located);
  return { tail, download: await text(download.body), size: download.size };
}

/** Every object under the prefix with its metadata, in name (= publish) order. */
export async function publishedObjects(store: ObjectStore, account: string, prefix: string) {
  const objects: Array<{ name: string; bytes: number; offset: number; text: string }> = [];
  try {
    for await (const entry of listAllObjects(store, account, "database_logs", { prefix })) {
      if (entry.kind !== "object") continue;
      const info = await store.headObject(account, "database_logs", entry.name);
      const read = await store.getObject(account, "database_logs", entry.name);
      objects.push({
        name: entry.name,
        bytes: info.bytes,
        offset: Number(info.metadata.offset),
        text: await text(read.body),
      });
    }
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  return objects;
}

/** A TCP port that accepts connections and never says a word: a server that hangs. */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/** A port nothing listens on (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * An engine with its own workspace that publishes into the real Swift (the scenario's "real Swift"
 * run), for the instance `config()` describes. The given logs are discarded before (what an earlier,
 * interrupted run left) and after.
 */
export function swiftScenarioEngine(config: () => unknown, instanceId: string, logs: string[]) {
  let workspace: ReturnType<typeof makeWorkspace> | undefined;
  let store: SwiftObjectStore | undefined;
  let engine: GuestLogEngine | undefined;
  const discardAll = () =>
    Promise.all(
      logs.map((name) =>
        engine?.logAction(ADMIN, instanceId, { name, discard: true }).catch(() => undefined),
      ),
    );
  return {
    current: () => ({ engine: engine!, store: store! }),
    async open() {
      await requireSwift();
      workspace = makeWorkspace();
      store = openTestStore();
      engine = engineFromConfig({ dir: workspace.dir, store }, config());
      await discardAll();
    },
    async close() {
      await discardAll();
      await engine?.close();
      store?.close();
      await workspace?.cleanup();
    },
  };
}
