import "server-only";

import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { describeObjectStoreContract } from "./contract/object-store-contract";
import { md5, readAll, statusOf } from "./contract/harness";
import { createLocalObjectStore, type LocalObjectStore } from "./local-store";

const dirs: string[] = [];
const stores: LocalObjectStore[] = [];

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "local-store-test-"));
  dirs.push(dir);
  return dir;
}

function open(dir: string, now?: () => number): LocalObjectStore {
  const store = createLocalObjectStore({ dir, now });
  stores.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describeObjectStoreContract("local", {
  async create() {
    const dir = await mkdtemp(path.join(tmpdir(), "local-store-contract-"));
    const store = createLocalObjectStore({ dir });
    return {
      store,
      account: "AUTH_contract",
      async cleanup() {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
});

async function blobFiles(dir: string): Promise<string[]> {
  const shards = await readdir(path.join(dir, "blobs"));
  const files = await Promise.all(shards.map((shard) => readdir(path.join(dir, "blobs", shard))));
  return files.flat();
}

describe("local store", () => {
  it("keeps everything across close and reopen, and shares a dir between instances", async () => {
    const dir = await freshDir();
    const first = open(dir);
    await first.putContainer("AUTH_a", "logs", { metadata: { kind: "guest" } });
    await first.putObject("AUTH_a", "logs", "x/1", "one", { metadata: { n: "1" } });
    const second = open(dir);
    await second.putObject("AUTH_a", "logs", "x/2", "two");
    expect(
      (await first.listObjects("AUTH_a", "logs")).entries.map((e) => e.kind === "object" && e.name),
    ).toEqual(["x/1", "x/2"]);
    await first.close();
    await second.close();

    const reopened = open(dir);
    expect(await reopened.headContainer("AUTH_a", "logs")).toEqual({
      objectCount: 2,
      bytesUsed: 6,
      metadata: { kind: "guest" },
    });
    const read = await reopened.getObject("AUTH_a", "logs", "x/1");
    expect((await readAll(read.body)).toString()).toBe("one");
    expect(read.info.metadata).toEqual({ n: "1" });
    expect(await statusOf(reopened.headContainer("AUTH_b", "logs"))).toBe(404);
  });

  it("lets exactly one of racing create-only puts win, across stores sharing a dir, and keeps no loser's blob", async () => {
    const dir = await freshDir();
    const [first, second] = [open(dir), open(dir)];
    await first.putContainer("AUTH_a", "c");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? first : second).putObject("AUTH_a", "c", "lease", `racer ${i}`, { ifNoneMatch: "*" }),
      ),
    );
    const won = outcomes.flatMap((outcome, i) => (outcome.status === "fulfilled" ? [`racer ${i}`] : []));
    expect(won).toHaveLength(1);
    expect((await readAll((await second.getObject("AUTH_a", "c", "lease")).body)).toString()).toBe(won[0]);
    expect(await blobFiles(dir)).toHaveLength(1);
  });

  it("gives every put a later timestamp, even with a frozen clock", async () => {
    const store = open(await freshDir(), () => Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    await store.putContainer("AUTH_a", "c");
    const stamps: string[] = [];
    for (const name of ["a", "b", "a", "c"])
      stamps.push((await store.putObject("AUTH_a", "c", name, "x")).lastModified);
    expect(stamps[0]).toBe("2024-02-29T23:59:59.999000");
    expect(new Set(stamps).size).toBe(4);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it("treats expired objects as gone everywhere, and sweep removes them with their blobs", async () => {
    let now = Date.UTC(2030, 0, 1);
    const dir = await freshDir();
    const store = open(dir, () => now);
    await store.putContainer("AUTH_a", "c");
    await store.putObject("AUTH_a", "c", "old", "expiring", { deleteAfter: 10 });
    await store.putObject("AUTH_a", "c", "now", "at once", { deleteAfter: 0 });
    expect(await statusOf(store.headObject("AUTH_a", "c", "now"))).toBe(404);
    expect((await store.headObject("AUTH_a", "c", "old")).deleteAt).toBe(now / 1000 + 10);
    now += 10_000;
    expect(await statusOf(store.getObject("AUTH_a", "c", "old"))).toBe(404);
    expect((await store.listObjects("AUTH_a", "c")).entries).toEqual([]);
    expect(await store.headContainer("AUTH_a", "c")).toMatchObject({ objectCount: 0, bytesUsed: 0 });
    expect(await blobFiles(dir)).toHaveLength(2);
    expect(await store.sweep()).toMatchObject({ expiredObjects: 2 });
    expect(await blobFiles(dir)).toEqual([]);
    await store.putObject("AUTH_a", "c", "late", "x", { deleteAfter: 1 });
    now += 1_000;
    await store.deleteContainer("AUTH_a", "c"); // only expired objects remain
    expect(await blobFiles(dir)).toEqual([]);
  });

  it("sweep removes old tmp files and unreferenced blobs, keeping young ones and live blobs", async () => {
    const dir = await freshDir();
    const store = open(dir);
    await store.putContainer("AUTH_a", "c");
    await store.putObject("AUTH_a", "c", "keep", "kept bytes");
    await store.sweep(); // queues behind the sweep that runs on open
    const live = await blobFiles(dir);
    const orphan = "ab0f0000-0000-4000-8000-000000000000";
    const young = "ab0f0000-0000-4000-8000-000000000001";
    const hourAgo = new Date(Date.now() - 3_600_000);
    await mkdir(path.join(dir, "blobs", "ab"), { recursive: true });
    for (const file of [path.join(dir, "tmp", orphan), path.join(dir, "blobs", "ab", orphan)]) {
      await writeFile(file, "half-written");
      await utimes(file, hourAgo, hourAgo);
    }
    await writeFile(path.join(dir, "tmp", young), "in progress elsewhere");
    await writeFile(path.join(dir, "blobs", "ab", young), "about to be committed elsewhere");
    expect(await store.sweep()).toEqual({ expiredObjects: 0, tmpFiles: 1, orphanBlobs: 1 });
    expect((await blobFiles(dir)).sort()).toEqual([...live, young].sort());
    expect(await readdir(path.join(dir, "tmp"))).toEqual([young]);
    expect(await store.sweep({ graceMs: 0 })).toEqual({ expiredObjects: 0, tmpFiles: 1, orphanBlobs: 1 });
    const read = await store.getObject("AUTH_a", "c", "keep");
    expect(md5(await readAll(read.body))).toBe(md5("kept bytes"));
  });
});
