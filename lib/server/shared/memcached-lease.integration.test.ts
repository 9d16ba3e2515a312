// Publish leases of replicas, against the real memcached of scripts/services/memcached.sh: two engines
// (two replicas) on one store, and a holder SIGKILLed mid-publish.
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
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
import { expectExactCopy } from "@/lib/server/testing/exact-copy";
import { testNamespace, testSharedCache } from "./memcached-test-env";
import { MemcachedLease } from "./memcached-lease";
import type { SharedCache } from "./shared-cache";

const TTL_SECONDS = 3;
let workspace: ReturnType<typeof makeWorkspace>;
let namespace: string;
const caches: SharedCache[] = [];
const general = () => logFile(workspace.dir, "mysql", "general");
const prefix = `${MYSQL}/mysql-general/`;
const lines = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `${from + i} UPDATE stock SET n = n - 1; -- ünïcode ${i}\n`).join(
    "",
  );

/** A replica: its own engine (own in-process locks) and its own memcached client. */
function replica() {
  const cache = testSharedCache(namespace);
  caches.push(cache);
  const lease = new MemcachedLease({ cache, ttlSeconds: TTL_SECONDS, maxWaitMs: 60_000 });
  return makeEngine(workspace, { limit: 4096, lease, sharedStore: true });
}

beforeEach(() => {
  workspace = makeWorkspace();
  namespace = testNamespace();
});
afterEach(async () => workspace.cleanup());
afterAll(() => caches.forEach((cache) => cache.close()));

describe("publish lease shared by replicas", () => {
  it("a replica shows what another published and discarded since it last looked", async () => {
    writeLog(general(), lines(0, 500));
    const [a, b] = [replica(), replica()];
    const show = (engine: ReturnType<typeof replica>) => engine.logAction(MEMBER, MYSQL, { name: "general" });
    expect(await show(b)).toMatchObject({ published: 0 });
    const published = await a.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    expect(await show(b)).toMatchObject({ status: "Published", published: published.published, pending: 0 });
    await a.logAction(MEMBER, MYSQL, { name: "general", discard: true });
    expect(await show(b)).toMatchObject({ published: 0 });
  });

  it("two replicas publishing one log at once: byte-exact, no object twice", async () => {
    writeLog(general(), lines(0, 2000));
    const [a, b] = [replica(), replica()];
    const publish = (engine: ReturnType<typeof replica>) =>
      engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    const first = publish(a);
    appendLog(general(), lines(2000, 100));
    await Promise.all([first, publish(b), publish(a)]);
    expect(await expectExactCopy(b, workspace.store, general())).toMatchObject({
      status: "Published",
      pending: 0,
    });
    const names = await objectNames(workspace.store, "demo", prefix);
    expect(new Set(names).size).toBe(names.length);
  });

  it("a holder killed mid-publish: another replica takes over after the TTL, byte-exact", async () => {
    writeLog(general(), lines(0, 3000));
    const killed = await runAndKill({
      script: join(__dirname, "../testing/publish-child.ts"),
      env: {
        PUBLISH_DIR: workspace.dir,
        PUBLISH_LIMIT: "4096",
        PUBLISH_MEMCACHED: process.env.TROVE_LOGS_TEST_MEMCACHED ?? "",
        PUBLISH_LEASE_NAMESPACE: namespace,
        PUBLISH_LEASE_TTL: String(TTL_SECONDS),
      },
      signal: "object",
      killAfter: 3,
    });
    expect(killed.exitSignal, killed.stderr).toBe("SIGKILL");
    const killedAt = Date.now();
    const takeover = replica();
    const partial = await expectExactCopy(takeover, workspace.store, general());
    expect(partial.status).toBe("Partial"); // the holder died part-way
    await takeover.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    // The dead holder's lease blocked the publish until it expired (renewed every TTL/3 before).
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(((TTL_SECONDS * 2) / 3) * 1000 - 200);
    const log = await expectExactCopy(takeover, workspace.store, general());
    expect(log).toMatchObject({ status: "Published", pending: 0 });
    const names = await objectNames(workspace.store, "demo", prefix);
    expect(new Set(names).size).toBe(names.length);
  });
});
