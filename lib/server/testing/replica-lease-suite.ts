import "server-only";
// Publish leases of replicas: two engines (two replicas) on one store, and a holder SIGKILLed
// mid-publish. Run against each lease (memcached, the object store) by its own test file.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAllObjects } from "@/lib/server/object-store/list-all";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { openTestStore, requireSwift } from "@/lib/server/object-store/testing/swift-test-env";
import {
  appendLog,
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  objectNames,
  writeLog,
} from "./engine-fixture";
import { expectExactCopy } from "./exact-copy";
import { runAndKill } from "./kill-child";
import { makeTestLease, type TestLeaseSpec } from "./test-lease";

export const LEASE_TTL_SECONDS = 3;

export interface ReplicaLeaseSetup {
  /** The lease every replica of one test holds (fresh per test, e.g. its own memcached namespace). */
  spec(): TestLeaseSpec;
  /** The replicas share the real Swift (a container of their own per test); else a local store. */
  swift?: boolean;
}

const lines = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `${from + i} UPDATE stock SET n = n - 1; -- ünïcode ${i}\n`).join(
    "",
  );
const prefix = `${MYSQL}/mysql-general/`;

export function describeReplicaLeases(label: string, setup: ReplicaLeaseSetup): void {
  describe(`publish lease shared by replicas (${label})`, () => {
    let workspace: ReturnType<typeof makeWorkspace>;
    let spec: TestLeaseSpec;
    let store: ObjectStore;
    let container: string;
    const closers: Array<() => void> = [];
    const general = () => logFile(workspace.dir, "mysql", "general");
    const exactCopy = (engine: ReturnType<typeof replica>) =>
      expectExactCopy(engine, store, general(), container);
    const names = () => objectNames(store, "demo", prefix, container);

    /** A replica: its own engine (own in-process locks) and its own lease client. */
    function replica() {
      const { lease, close } = makeTestLease(spec, store);
      closers.push(close);
      const options = { limit: 4096, lease, sharedStore: true, containerName: container };
      return makeEngine({ dir: workspace.dir, store }, options);
    }

    if (setup.swift) beforeAll(() => requireSwift(), 30_000);
    beforeEach(() => {
      workspace = makeWorkspace();
      spec = setup.spec();
      if (setup.swift) {
        const swift = openTestStore();
        closers.push(() => swift.close());
        store = swift;
        container = `lease-test-${randomBytes(6).toString("hex")}`;
      } else {
        store = workspace.store;
        container = "database_logs";
      }
    });
    afterEach(async () => {
      if (setup.swift) await removeQuietly(store, container);
      closers.splice(0).forEach((close) => close());
      await workspace.cleanup();
    });

    it("a replica shows what another published and discarded since it last looked", async () => {
      writeLog(general(), lines(0, 500));
      const [a, b] = [replica(), replica()];
      const show = (engine: ReturnType<typeof replica>) =>
        engine.logAction(MEMBER, MYSQL, { name: "general" });
      expect(await show(b)).toMatchObject({ published: 0 });
      const published = await a.logAction(MEMBER, MYSQL, { name: "general", publish: true });
      expect(await show(b)).toMatchObject({
        status: "Published",
        published: published.published,
        pending: 0,
      });
      await a.logAction(MEMBER, MYSQL, { name: "general", discard: true });
      expect(await show(b)).toMatchObject({ published: 0 });
    });

    it("two replicas publishing one log at once: byte-exact, no object twice, no lease left", async () => {
      writeLog(general(), lines(0, 2000));
      const [a, b] = [replica(), replica()];
      const publish = (engine: ReturnType<typeof replica>) =>
        engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
      const first = publish(a);
      appendLog(general(), lines(2000, 100));
      await Promise.all([first, publish(b), publish(a)]);
      expect(await exactCopy(b)).toMatchObject({ status: "Published", pending: 0 });
      const published = await names();
      expect(new Set(published).size).toBe(published.length);
      await expect(store.headObject("demo", container, `${MYSQL}/mysql-general_lease`)).rejects.toMatchObject(
        {
          status: 404,
        },
      );
    });

    it("a holder killed mid-publish: another replica takes over after the TTL, byte-exact", async () => {
      writeLog(general(), lines(0, 3000));
      const killed = await runAndKill({
        script: join(__dirname, "publish-child.ts"),
        env: {
          PUBLISH_DIR: workspace.dir,
          PUBLISH_LIMIT: "4096",
          PUBLISH_LEASE: JSON.stringify(spec),
          PUBLISH_CONTAINER: container,
          ...(setup.swift && { PUBLISH_STORE: "swift" }),
        },
        signal: "object",
        killAfter: 3,
      });
      expect(killed.exitSignal, killed.stderr).toBe("SIGKILL");
      const killedAt = Date.now();
      const takeover = replica();
      const partial = await exactCopy(takeover);
      expect(partial.status).toBe("Partial"); // the holder died part-way
      await takeover.logAction(MEMBER, MYSQL, { name: "general", publish: true });
      // The dead holder's lease (renewed every TTL/3, in whole seconds) blocked the publish until it expired.
      const blocked = Date.now() - killedAt;
      expect(blocked).toBeGreaterThanOrEqual((LEASE_TTL_SECONDS / 3) * 1000 - 200);
      expect(blocked).toBeLessThan(LEASE_TTL_SECONDS * 1000 + 5_000);
      expect(await exactCopy(takeover)).toMatchObject({ status: "Published", pending: 0 });
      const published = await names();
      expect(new Set(published).size).toBe(published.length);
    });
  });
}

/** Empties and deletes a test's Swift container; an expired lease object keeps it until Swift's expirer runs. */
async function removeQuietly(store: ObjectStore, container: string): Promise<void> {
  try {
    for await (const entry of listAllObjects(store, "demo", container)) {
      if (entry.kind === "object") await store.deleteObject("demo", container, entry.name).catch(() => {});
    }
    await store.deleteContainer("demo", container);
  } catch {
    // Left for the expirer: a few bytes in the test account.
  }
}
