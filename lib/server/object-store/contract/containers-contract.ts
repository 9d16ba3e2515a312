import "server-only";

import { describe, expect } from "vitest";

import { contractIt, statusOf, type ObjectStoreHarness } from "./harness";

export function describeContainers(harness: ObjectStoreHarness): void {
  describe("containers", () => {
    contractIt(harness, "a new container is empty and keeps its lower-cased metadata", async (t) => {
      const name = t.unusedName();
      await t.store.putContainer(t.account, name, { metadata: { "Log-Owner": "trove", color: "blue" } });
      try {
        expect(await t.store.headContainer(t.account, name)).toEqual({
          objectCount: 0,
          bytesUsed: 0,
          metadata: { "log-owner": "trove", color: "blue" },
        });
      } finally {
        await t.store.deleteContainer(t.account, name);
      }
    });

    contractIt(harness, "putContainer again is idempotent and merges metadata", async (t) => {
      await t.store.putContainer(t.account, t.container, { metadata: { a: "1", b: "2" } });
      await t.store.putContainer(t.account, t.container, { metadata: { b: "3", c: "4" } });
      await t.store.putContainer(t.account, t.container);
      expect((await t.store.headContainer(t.account, t.container)).metadata).toEqual({
        a: "1",
        b: "3",
        c: "4",
      });
    });

    contractIt(harness, "postContainer merges metadata and an empty value removes a key", async (t) => {
      await t.store.postContainer(t.account, t.container, { Keep: "yes", drop: "soon" });
      await t.store.postContainer(t.account, t.container, { drop: "", added: "x" });
      expect((await t.store.headContainer(t.account, t.container)).metadata).toEqual({
        keep: "yes",
        added: "x",
      });
      expect(await statusOf(t.store.postContainer(t.account, t.unusedName(), { a: "1" }))).toBe(404);
    });

    contractIt(harness, "headContainer counts objects and bytes", async (t) => {
      await t.store.putObject(t.account, t.container, "one", "12345");
      await t.store.putObject(t.account, t.container, "two", new Uint8Array(1000));
      await t.store.putObject(t.account, t.container, "empty", "");
      const info = await t.store.headContainer(t.account, t.container);
      expect([info.objectCount, info.bytesUsed]).toEqual([3, 1005]);
    });

    contractIt(harness, "missing containers answer 404", async (t) => {
      const missing = t.unusedName();
      expect(await statusOf(t.store.headContainer(t.account, missing))).toBe(404);
      expect(await statusOf(t.store.deleteContainer(t.account, missing))).toBe(404);
      expect(await statusOf(t.store.listObjects(t.account, missing))).toBe(404);
      expect(await statusOf(t.store.putObject(t.account, missing, "x", "data"))).toBe(404);
      expect(await statusOf(t.store.headObject(t.account, missing, "x"))).toBe(404);
      expect(await statusOf(t.store.getObject(t.account, missing, "x"))).toBe(404);
    });

    contractIt(harness, "deleteContainer refuses while objects remain (409), then deletes", async (t) => {
      const name = await t.newContainer();
      await t.store.putObject(t.account, name, "left/behind", "x");
      expect(await statusOf(t.store.deleteContainer(t.account, name))).toBe(409);
      expect((await t.store.headContainer(t.account, name)).objectCount).toBe(1);
      await t.store.deleteObject(t.account, name, "left/behind");
      await t.store.deleteContainer(t.account, name);
      expect(await statusOf(t.store.headContainer(t.account, name))).toBe(404);
    });
  });
}
