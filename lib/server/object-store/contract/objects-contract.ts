import "server-only";

import { describe, expect } from "vitest";

import { contractIt, md5, readAll, statusOf, type ObjectStoreHarness } from "./harness";
import { patternChunk } from "./pattern";

export function describeObjects(harness: ObjectStoreHarness): void {
  describe("objects", () => {
    const bodies: Record<string, Buffer> = {
      "every-byte-value": Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256)),
      "invalid-utf8": Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x82, 0x00, 0x80]),
      "crlf-text": Buffer.from("line one\r\nline two\r\n\r\nlast line without newline\r"),
      "empty-object": Buffer.alloc(0),
    };
    for (const [name, bytes] of Object.entries(bodies)) {
      contractIt(harness, `round-trips exact bytes: ${name}`, async (t) => {
        const put = await t.store.putObject(t.account, t.container, name, bytes);
        expect(put).toMatchObject({ name, bytes: bytes.length, etag: md5(bytes) });
        const read = await t.store.getObject(t.account, t.container, name);
        expect((await readAll(read.body)).equals(bytes)).toBe(true);
        expect([read.start, read.end]).toEqual([0, bytes.length - 1]);
        expect(read.info).toMatchObject({ name, bytes: bytes.length, etag: md5(bytes) });
        expect(await t.store.headObject(t.account, t.container, name)).toEqual(read.info);
      });
    }

    contractIt(harness, "a string body is stored as UTF-8", async (t) => {
      const text = "héllo wörld ✓ 😀\n";
      await t.store.putObject(t.account, t.container, "text", text);
      const read = await t.store.getObject(t.account, t.container, "text");
      expect((await readAll(read.body)).toString("utf8")).toBe(text);
      expect(read.info.bytes).toBe(Buffer.byteLength(text));
    });

    contractIt(harness, "streams a multi-megabyte AsyncIterable body", async (t) => {
      const sizes = [1, 65_536, 7, 300_000, 1_048_576, 13, 2_000_000, 512, 1_048_575];
      const total = sizes.reduce((sum, size) => sum + size, 0);
      async function* produce() {
        for (const [i, size] of sizes.entries()) yield patternChunk(i + 1, size);
      }
      const expected = Buffer.concat(sizes.map((size, i) => patternChunk(i + 1, size)));
      const put = await t.store.putObject(t.account, t.container, "big/stream.bin", produce());
      expect(put).toMatchObject({ bytes: total, etag: md5(expected) });
      const read = await t.store.getObject(t.account, t.container, "big/stream.bin");
      const got = await readAll(read.body);
      expect(got.length).toBe(total);
      expect(md5(got)).toBe(md5(expected));
    });

    contractIt(harness, "keeps content type and lower-cases metadata keys", async (t) => {
      const metadata = { "Log-Name": "mysql-general", Seq: "000042", with_underscore: "ok" };
      await t.store.putObject(t.account, t.container, "meta", "x", { contentType: "text/plain", metadata });
      const info = await t.store.headObject(t.account, t.container, "meta");
      expect(info.contentType).toBe("text/plain");
      expect(info.metadata).toEqual({ "log-name": "mysql-general", seq: "000042", with_underscore: "ok" });
      expect(info.lastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
      expect(info.deleteAt).toBeUndefined();
    });

    contractIt(harness, "a put with the caller's etag stores it; a wrong etag stores nothing", async (t) => {
      const bytes = patternChunk(3, 300_000);
      const put = await t.store.putObject(t.account, t.container, "hashed", bytes, { etag: md5(bytes) });
      expect(put).toMatchObject({ bytes: bytes.length, etag: md5(bytes) });
      expect(await readAll((await t.store.getObject(t.account, t.container, "hashed")).body)).toEqual(bytes);
      const wrong = t.store.putObject(t.account, t.container, "mismatch", bytes, { etag: md5("other") });
      await expect(wrong).rejects.toMatchObject({ status: 502 });
      expect(await statusOf(t.store.headObject(t.account, t.container, "mismatch"))).toBe(404);
    });

    contractIt(harness, "an overwrite replaces bytes, etag and metadata", async (t) => {
      await t.store.putObject(t.account, t.container, "log", "first version", { metadata: { old: "1" } });
      await t.store.putObject(t.account, t.container, "log", "second", { metadata: { new: "2" } });
      const read = await t.store.getObject(t.account, t.container, "log");
      expect((await readAll(read.body)).toString()).toBe("second");
      expect(read.info).toMatchObject({ bytes: 6, etag: md5("second"), metadata: { new: "2" } });
      const page = await t.store.listObjects(t.account, t.container);
      expect(page.entries).toEqual([expect.objectContaining({ name: "log", bytes: 6, hash: md5("second") })]);
    });

    contractIt(harness, "names with slashes, spaces and multibyte characters round-trip", async (t) => {
      const names = ["dir/sub dir/file.txt", "ünïcödé/日本語.log", "emoji 😀", "a".repeat(1000)];
      for (const name of names) await t.store.putObject(t.account, t.container, name, name);
      for (const name of names) {
        const read = await t.store.getObject(t.account, t.container, name);
        expect([read.info.name, (await readAll(read.body)).toString()]).toEqual([name, name]);
      }
    });

    contractIt(harness, "missing and deleted objects answer 404", async (t) => {
      const { store, account, container } = t;
      expect(await statusOf(store.headObject(account, container, "nope"))).toBe(404);
      expect(await statusOf(store.getObject(account, container, "nope"))).toBe(404);
      expect(await statusOf(store.deleteObject(account, container, "nope"))).toBe(404);
      await store.putObject(account, container, "doomed", "bytes");
      await store.deleteObject(account, container, "doomed");
      expect(await statusOf(store.headObject(account, container, "doomed"))).toBe(404);
      expect(await statusOf(store.getObject(account, container, "doomed"))).toBe(404);
      expect(await statusOf(store.deleteObject(account, container, "doomed"))).toBe(404);
      expect((await store.listObjects(account, container)).entries).toEqual([]);
    });
  });
}
