import "server-only";

import { describe, expect } from "vitest";

import { listAllObjects } from "../list-all";
import type { ListOptions, ObjectStore } from "../object-store";
import { byUtf8, contractIt, inBatches, md5, statusOf, type ObjectStoreHarness } from "./harness";

/** Names whose UTF-8 order differs from JavaScript's UTF-16 sort: 😀 (F0…) sorts after \uFFFD (EF…). */
const ORDER_NAMES = ["b", "a", "a b", "a/b", "Z", "é", "\uE000", "\uFFFD", "😀", "aa", "a-"];
const TREE = ["a/1", "a/2", "a/b/3", "a/b/4", "b", "c/", "c/1", "d", "e/x/y", "e/z"];

const names = (entries: Array<{ kind: string; name?: string; subdir?: string }>) =>
  entries.map((entry) => (entry.kind === "object" ? entry.name : `[${entry.subdir}]`));

async function putAll(store: ObjectStore, account: string, container: string, list: string[]) {
  await inBatches(list, 16, (name) => store.putObject(account, container, name, `body of ${name}`));
}

/** Pages through a listing with `limit`, checking that each full page carries a nextMarker. */
async function pageThrough(store: ObjectStore, account: string, container: string, options: ListOptions) {
  const all: Array<string | undefined> = [];
  let marker: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.listObjects(account, container, { ...options, marker });
    all.push(...names(page.entries));
    if (page.entries.length === options.limit) expect(page.nextMarker).toBeDefined();
    else expect(page.nextMarker).toBeUndefined();
    if (!page.nextMarker) return all;
    marker = page.nextMarker;
  }
  throw new Error("paging did not finish");
}

export function describeListing(harness: ObjectStoreHarness): void {
  describe("listing", () => {
    contractIt(harness, "lists in UTF-8 byte order with size, hash, type and timestamp", async (t) => {
      await putAll(t.store, t.account, t.container, ORDER_NAMES);
      const page = await t.store.listObjects(t.account, t.container);
      expect(names(page.entries)).toEqual([...ORDER_NAMES].sort(byUtf8));
      expect(page.nextMarker).toBeUndefined();
      expect(page.entries.find((entry) => entry.kind === "object" && entry.name === "é")).toEqual({
        kind: "object",
        name: "é",
        bytes: Buffer.byteLength("body of é"),
        hash: md5("body of é"),
        contentType: expect.any(String),
        lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
      });
      const reversed = await t.store.listObjects(t.account, t.container, { reverse: true });
      expect(names(reversed.entries)).toEqual([...ORDER_NAMES].sort(byUtf8).reverse());
    });

    contractIt(harness, "prefix, marker and endMarker narrow the listing (exclusive bounds)", async (t) => {
      await putAll(t.store, t.account, t.container, TREE);
      const list = async (options: ListOptions) =>
        names((await t.store.listObjects(t.account, t.container, options)).entries);
      expect(await list({ prefix: "a/b" })).toEqual(["a/b/3", "a/b/4"]);
      expect(await list({ prefix: "zzz" })).toEqual([]);
      expect(await list({ marker: "c/1" })).toEqual(["d", "e/x/y", "e/z"]);
      expect(await list({ endMarker: "a/b/3" })).toEqual(["a/1", "a/2"]);
      expect(await list({ marker: "a/2", endMarker: "c/" })).toEqual(["a/b/3", "a/b/4", "b"]);
      expect(await list({ prefix: "a/", marker: "a/1", endMarker: "a/b/4" })).toEqual(["a/2", "a/b/3"]);
      expect(await list({ reverse: true, marker: "b" })).toEqual(["a/b/4", "a/b/3", "a/2", "a/1"]);
      expect(await list({ reverse: true, endMarker: "c/1" })).toEqual(["e/z", "e/x/y", "d"]);
      expect(await list({ reverse: true, prefix: "a/", marker: "a/b/4", endMarker: "a/1" })).toEqual([
        "a/b/3",
        "a/2",
      ]);
    });

    contractIt(harness, "a delimiter folds names into subdirs, each once", async (t) => {
      await putAll(t.store, t.account, t.container, TREE);
      const list = async (options: ListOptions) =>
        names((await t.store.listObjects(t.account, t.container, options)).entries);
      expect(await list({ delimiter: "/" })).toEqual(["[a/]", "b", "[c/]", "d", "[e/]"]);
      expect(await list({ delimiter: "/", prefix: "a/" })).toEqual(["a/1", "a/2", "[a/b/]"]);
      expect(await list({ delimiter: "/", prefix: "e/" })).toEqual(["[e/x/]", "e/z"]);
      expect(await list({ delimiter: "/", reverse: true })).toEqual(["[e/]", "d", "[c/]", "b", "[a/]"]);
      expect(await list({ delimiter: "/", marker: "a/" })).toEqual(["b", "[c/]", "d", "[e/]"]);
      expect(await list({ delimiter: "/", limit: 2 })).toEqual(["[a/]", "b"]);
    });

    for (const options of [{}, { reverse: true }, { delimiter: "/" }, { delimiter: "/", reverse: true }]) {
      contractIt(
        harness,
        `pages with nextMarker cover the listing exactly ${JSON.stringify(options)}`,
        async (t) => {
          await putAll(t.store, t.account, t.container, [...TREE, ...ORDER_NAMES]);
          const full = names((await t.store.listObjects(t.account, t.container, options)).entries);
          for (const limit of [1, 2, 3, 7, full.length, full.length + 1]) {
            expect(await pageThrough(t.store, t.account, t.container, { ...options, limit })).toEqual(full);
          }
        },
      );
    }

    contractIt(harness, "rejects a limit outside 1..10000", async (t) => {
      for (const limit of [0, -1, 10_001, 1.5]) {
        expect(await statusOf(t.store.listObjects(t.account, t.container, { limit }))).toBe(400);
      }
      expect((await t.store.listObjects(t.account, t.container, { limit: 10_000 })).entries).toEqual([]);
    });

    contractIt(
      harness,
      "pages past 10,000 objects: a full default page has nextMarker and listAllObjects gets them all",
      async (t) => {
        const all = Array.from({ length: 10_050 }, (_, i) => `obj/${String(i).padStart(6, "0")}`);
        await inBatches(all, 64, (name) => t.store.putObject(t.account, t.container, name, name.slice(-1)));
        const first = await t.store.listObjects(t.account, t.container);
        expect(first.entries.length).toBe(10_000);
        expect(first.nextMarker).toBe(all[9_999]);
        const listed: string[] = [];
        for await (const entry of listAllObjects(t.store, t.account, t.container)) {
          if (entry.kind === "object") listed.push(entry.name);
        }
        expect(listed).toEqual(all);
        expect((await t.store.headContainer(t.account, t.container)).objectCount).toBe(10_050);
      },
      // 10,050 PUTs: ~50–115 s on a one-node test Swift on 2 cores, more as its container databases
      // fill up over a day of runs; the limit only stops a hang.
      300_000,
    );
  });
}
