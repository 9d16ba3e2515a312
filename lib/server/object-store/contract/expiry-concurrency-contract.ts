import "server-only";

import { describe, expect } from "vitest";

import { contractIt, md5, readAll, sleep, statusOf, type ObjectStoreHarness } from "./harness";
import { patternChunk } from "./pattern";

export function describeExpiryAndConcurrency(harness: ObjectStoreHarness): void {
  describe("expiry", () => {
    contractIt(harness, "an object with deleteAfter disappears once it expires", async (t) => {
      const { store, account, container } = t;
      const before = Date.now() / 1000;
      await store.putObject(account, container, "short-lived", "bye", { deleteAfter: 1 });
      await store.putObject(account, container, "long-lived", "hello", { deleteAfter: 3600 });
      await store.putObject(account, container, "forever", "hi");
      const longLived = await store.headObject(account, container, "long-lived");
      expect(longLived.deleteAt).toBeGreaterThanOrEqual(Math.floor(before) + 3599);
      expect(longLived.deleteAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 3601);

      await sleep(1_100);
      expect(await statusOf(store.headObject(account, container, "short-lived"))).toBe(404);
      expect(await statusOf(store.getObject(account, container, "short-lived"))).toBe(404);
      await harness.expire?.();
      const listed = (await store.listObjects(account, container)).entries.map(
        (e) => e.kind === "object" && e.name,
      );
      expect(listed).toEqual(["forever", "long-lived"]);
      expect(await store.headObject(account, container, "long-lived")).toMatchObject({ bytes: 5 });
    });
  });

  describe("concurrency", () => {
    contractIt(
      harness,
      "puts started one after another's onOrdered keep that order in upload time, however they overlap",
      async (t) => {
        // Names in reverse, sizes mixed, so neither name order nor finishing order could explain the result.
        const bodies = Array.from({ length: 8 }, (_, i) => patternChunk(40 + i, i % 2 ? 600_000 : 20_000));
        const names = bodies.map((_, i) => `part-${String(9 - i).padStart(2, "0")}`);
        const events: string[] = [];
        const puts: Promise<unknown>[] = [];
        for (const [i, body] of bodies.entries()) {
          let ordered!: () => void;
          const place = new Promise<void>((resolve) => (ordered = resolve));
          const onOrdered = () => {
            events.push(`ordered ${i}`);
            ordered();
          };
          const put = t.store.putObject(t.account, t.container, names[i]!, body, { onOrdered });
          puts.push(put.then(() => events.push(`stored ${i}`)));
          await Promise.race([place, put]); // the next put starts once this one has its place
        }
        await Promise.all(puts);
        for (const i of bodies.keys()) {
          expect(events.indexOf(`ordered ${i}`)).toBeLessThan(events.indexOf(`stored ${i}`));
        }
        const page = await t.store.listObjects(t.account, t.container);
        const byUploadTime = page.entries
          .flatMap((entry) => (entry.kind === "object" ? [entry] : []))
          .sort((a, b) => a.lastModified.localeCompare(b.lastModified))
          .map((entry) => entry.name);
        expect(byUploadTime).toEqual(names);
      },
    );

    contractIt(harness, "concurrent puts of one name leave exactly one complete version", async (t) => {
      const versions = Array.from({ length: 8 }, (_, i) => patternChunk(100 + i, 200_000 + i * 1000));
      await Promise.all(
        versions.map((bytes, i) => {
          async function* slowly() {
            for (let offset = 0; offset < bytes.length; offset += 16_384) {
              if ((offset / 16_384) % 4 === i % 4) await sleep(1);
              yield bytes.subarray(offset, offset + 16_384);
            }
          }
          return t.store.putObject(t.account, t.container, "contested", slowly());
        }),
      );
      const read = await t.store.getObject(t.account, t.container, "contested");
      const got = await readAll(read.body);
      const winner = versions.findIndex((bytes) => bytes.equals(got));
      expect(winner).toBeGreaterThanOrEqual(0);
      expect(read.info).toMatchObject({ bytes: got.length, etag: md5(got) });
      const page = await t.store.listObjects(t.account, t.container);
      expect(page.entries).toEqual([
        expect.objectContaining({ name: "contested", bytes: got.length, hash: md5(got) }),
      ]);
    });

    contractIt(harness, "a read during overwrites returns one whole version, never a mix", async (t) => {
      const versions = Array.from({ length: 4 }, (_, i) => patternChunk(7 + i, 512 * 1024));
      const hashes = versions.map((bytes) => md5(bytes));
      await t.store.putObject(t.account, t.container, "hot", versions[0] as Buffer);
      let writing = true;
      const writer = (async () => {
        for (let round = 1; round <= 24; round++) {
          await t.store.putObject(t.account, t.container, "hot", versions[round % versions.length] as Buffer);
        }
        writing = false;
      })();
      const reader = async () => {
        let reads = 0;
        while (writing || reads < 3) {
          const read = await t.store.getObject(t.account, t.container, "hot");
          await sleep(reads % 3); // let overwrites land while the body is being read
          const got = md5(await readAll(read.body));
          expect(hashes).toContain(got);
          expect(got).toBe(read.info.etag);
          reads += 1;
        }
      };
      await Promise.all([writer, reader(), reader(), reader()]);
    });
  });
}
