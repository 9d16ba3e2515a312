import "server-only";

import { mkdtemp, readdir, rm, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readAll, statusOf } from "./contract/harness";
import { createLocalObjectStore, type LocalObjectStore } from "./local-store";

const A = "AUTH_edges";
let dir: string;
let store: LocalObjectStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "local-store-edges-"));
  store = createLocalObjectStore({ dir });
  await store.putContainer(A, "c");
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("local store validation (400)", () => {
  it("rejects bad account, container and object names", async () => {
    const cases: Array<[string, string, string]> = [
      ["", "c", "x"],
      ["AUTH/x", "c", "x"],
      [A, "", "x"],
      [A, "a/b", "x"],
      [A, "c".repeat(257), "x"],
      [A, "c", ""],
      [A, "c", "nul\0byte"],
      [A, "c", "\uD800lone surrogate"],
      [A, "c", "é".repeat(513)], // 1026 bytes
    ];
    for (const [account, container, name] of cases) {
      expect(await statusOf(store.putObject(account, container, name, "x"))).toBe(400);
      expect(await statusOf(store.headObject(account, container, name))).toBe(400);
    }
    expect(await statusOf(store.putContainer(A, "x".repeat(257)))).toBe(400);
    await store.putObject(A, "c", "é".repeat(512), "1024 bytes is fine");
  });

  it("rejects bad metadata and deleteAfter, and keeps nothing of the rejected put", async () => {
    const badOptions = [
      { metadata: { "has space": "x" } },
      { metadata: { "x-ok": "line\nbreak" } },
      { metadata: { big: "v".repeat(257) } },
      { metadata: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, "v".repeat(250)])) },
      { deleteAfter: -1 },
      { deleteAfter: 1.5 },
    ];
    for (const options of badOptions) {
      expect(await statusOf(store.putObject(A, "c", "rejected", "x", options))).toBe(400);
    }
    expect(await statusOf(store.postContainer(A, "c", { "bad/key": "x" }))).toBe(400);
    expect(await statusOf(store.headObject(A, "c", "rejected"))).toBe(404);
  });

  it("rejects malformed ranges and listing options", async () => {
    await store.putObject(A, "c", "ranged", "0123456789");
    for (const range of [{ start: -1 }, { start: 5, end: 2 }, { suffix: -3 }, { start: 0.5 }]) {
      expect(await statusOf(store.getObject(A, "c", "ranged", { range }))).toBe(400);
    }
    expect(await statusOf(store.listObjects(A, "c", { prefix: "\uDC00" }))).toBe(400);
  });
});

describe("local store reads", () => {
  it("an empty object reads as start 0, end -1 with or without a range", async () => {
    await store.putObject(A, "c", "empty", new Uint8Array(0));
    for (const range of [undefined, { suffix: 10 }, { start: 0 }]) {
      const read = await store.getObject(A, "c", "empty", { range });
      expect([read.start, read.end, (await readAll(read.body)).length]).toEqual([0, -1, 0]);
    }
    expect(await statusOf(store.getObject(A, "c", "empty", { range: { suffix: 0 } }))).toBe(416);
  });

  it("a body opened before a delete or overwrite still reads whole", async () => {
    await store.putObject(A, "c", "doomed", "x".repeat(300_000));
    const read = await store.getObject(A, "c", "doomed");
    await store.deleteObject(A, "c", "doomed");
    expect((await readAll(read.body)).length).toBe(300_000);
  });

  it("answers 404 when the blob file vanished under the index", async () => {
    const own = await mkdtemp(path.join(tmpdir(), "local-store-lost-"));
    const lonely = createLocalObjectStore({ dir: own });
    try {
      await lonely.putContainer(A, "c");
      await lonely.putObject(A, "c", "lost", "gone soon");
      const [shard] = await readdir(path.join(own, "blobs"));
      const [file] = await readdir(path.join(own, "blobs", shard as string));
      await unlink(path.join(own, "blobs", shard as string, file as string));
      expect(await lonely.headObject(A, "c", "lost")).toMatchObject({ bytes: 9 });
      expect(await statusOf(lonely.getObject(A, "c", "lost"))).toBe(404);
    } finally {
      await lonely.close();
      await rm(own, { recursive: true, force: true });
    }
  });
});
