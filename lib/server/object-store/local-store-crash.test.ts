import "server-only";

import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { runAndKill } from "@/lib/server/testing/kill-child";
import { md5, readAll, statusOf } from "./contract/harness";
import { patternChunk } from "./contract/pattern";
import { listAllObjects } from "./list-all";
import { createLocalObjectStore, type LocalObjectStore } from "./local-store";

const CHILD = path.join(__dirname, "testing/crash-put-child.ts");
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs the child writer and SIGKILLs it once it has printed `killAfter` lines of `signal` (plus `delayMs`). */
async function killWriter(dir: string, mode: string, signal: string, killAfter: number, delayMs = 0) {
  const result = await runAndKill({
    script: CHILD,
    env: { CRASH_DIR: dir, CRASH_MODE: mode },
    signal,
    killAfter,
    delayMs,
  });
  expect(result.exitSignal, `child stderr: ${result.stderr}`).toBe("SIGKILL");
  expect(result.seen).toBe(killAfter);
}

async function openFresh(): Promise<{ dir: string; open: () => LocalObjectStore }> {
  const dir = await mkdtemp(path.join(tmpdir(), "local-store-crash-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const open = () => {
    const store = createLocalObjectStore({ dir });
    cleanups.push(() => store.close());
    return store;
  };
  return { dir, open };
}

async function countFiles(dir: string): Promise<{ tmp: number; blobs: number }> {
  const shards = await readdir(path.join(dir, "blobs"));
  const blobs = await Promise.all(shards.map((shard) => readdir(path.join(dir, "blobs", shard))));
  return { tmp: (await readdir(path.join(dir, "tmp"))).length, blobs: blobs.flat().length };
}

describe("local store crash atomicity", () => {
  it("a put killed mid-stream leaves no object, and sweep removes its tmp file", async () => {
    const { dir, open } = await openFresh();
    await killWriter(dir, "big", "halfway", 1);
    const store = open();
    expect(await statusOf(store.headObject("AUTH_crash", "c", "big"))).toBe(404);
    expect((await store.listObjects("AUTH_crash", "c")).entries).toEqual([]);
    expect(await countFiles(dir)).toEqual({ tmp: 1, blobs: 0 });
    await store.sweep({ graceMs: 0 });
    expect(await countFiles(dir)).toEqual({ tmp: 0, blobs: 0 });
  });

  it.each([0, 7, 23])(
    "writers killed %i ms after their 25th put leave only whole objects",
    async (delayMs) => {
      const { dir, open } = await openFresh();
      await killWriter(dir, "many", "done", 25, delayMs);
      const store = open();
      let objects = 0;
      for await (const entry of listAllObjects(store, "AUTH_crash", "c")) {
        if (entry.kind !== "object") continue;
        const read = await store.getObject("AUTH_crash", "c", entry.name);
        const { seed, size } = read.info.metadata;
        const expected = patternChunk(Number(seed), Number(size));
        const got = await readAll(read.body);
        expect([got.length, md5(got), entry.hash, entry.bytes]).toEqual([
          expected.length,
          md5(expected),
          md5(expected),
          expected.length,
        ]);
        objects += 1;
      }
      expect(objects).toBeGreaterThan(0);
      await store.sweep({ graceMs: 0 });
      expect(await countFiles(dir)).toEqual({ tmp: 0, blobs: objects });
    },
  );
});
