import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appendLog,
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  objectNames,
  publishedBytes,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import { expectExactCopy as expectCopy } from "@/lib/server/testing/exact-copy";
import type { GuestLogEngine } from "./guest-log-engine";

let workspace: ReturnType<typeof makeWorkspace>;
let engine: GuestLogEngine;
const general = () => logFile(workspace.dir, "mysql", "general");
const prefix = `${MYSQL}/mysql-general/`;
const publish = () => engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
const show = () => engine.logAction(MEMBER, MYSQL, { name: "general" });

const expectExactCopy = () => expectCopy(engine, workspace.store, general());

beforeEach(() => {
  workspace = makeWorkspace();
  engine = makeEngine(workspace, { limit: 64 });
});
afterEach(async () => workspace.cleanup());

describe("byte-exact publishing", () => {
  it.each([
    ["CRLF lines", Buffer.from("first line\r\nsecond line\r\n".repeat(9))],
    ["multi-byte UTF-8", Buffer.from("SELECT 'café', 'über', '日本語', '🚀';\n".repeat(7))],
    [
      "invalid UTF-8",
      Buffer.concat([
        Buffer.from("ok\n"),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a, 0x80, 0x0a]),
        Buffer.from("end\n"),
      ]),
    ],
    ["form feeds and lone CRs", Buffer.from("a\x0cb\rc\n\rd\n".repeat(20))],
  ])("%s round-trip exactly, with Published and nothing pending", async (_label, content) => {
    writeLog(general(), content);
    expect(await publish()).toMatchObject({ status: "Published", published: content.length, pending: 0 });
    await expectExactCopy();
    expect((await publish()).status).toBe("Published"); // a second publish sends nothing
    expect((await publishedBytes(workspace.store, "demo", prefix)).length).toBe(content.length);
  });

  it("publishes an unfinished last line and continues it when it is completed", async () => {
    writeLog(general(), "complete\nhalf a li");
    expect(await publish()).toMatchObject({ status: "Published", published: 18 });
    appendLog(general(), "ne\nnext\n");
    expect(await show()).toMatchObject({ status: "Partial", pending: 8 });
    expect(await publish()).toMatchObject({ status: "Published", published: 26 });
    expect((await expectExactCopy()).published).toBe(26);
    const names = await objectNames(workspace.store, "demo", prefix);
    expect(names).toHaveLength(2);
  });

  it("a file that is one unfinished line is not mistaken for a rotation as it grows", async () => {
    writeLog(general(), "no newline yet");
    await publish();
    appendLog(general(), " but now there is one\nsecond\n");
    expect((await show()).status).toBe("Partial");
    await publish();
    await expectExactCopy();
    appendLog(general(), "third\n");
    expect((await show()).status).toBe("Partial");
  });

  it("splits objects at line ends, never above guest_log_limit, and cuts lines longer than the limit", async () => {
    const long = "L".repeat(150) + "\n";
    const content = "short 1\nshort 2\n" + long + "x".repeat(30) + "\n" + "tail without newline";
    writeLog(general(), content);
    await publish();
    await expectExactCopy();
    const { store } = workspace;
    const names = await objectNames(store, "demo", prefix);
    const objects = await Promise.all(names.map((name) => store.getObject("demo", "database_logs", name)));
    const texts: string[] = [];
    for (const object of objects) {
      const parts: Buffer[] = [];
      for await (const part of object.body) parts.push(Buffer.from(part as Uint8Array));
      texts.push(Buffer.concat(parts).toString());
      expect(object.info.bytes).toBeLessThanOrEqual(64);
      expect(Number(object.info.metadata.lines)).toBe(texts.at(-1)!.split("\n").length - 1);
      expect(object.info.deleteAt).toBeGreaterThan(Date.now() / 1000 + 2_592_000 - 60);
    }
    // Short lines are kept whole; only the 151-byte line is cut (64 + 64, then its last 23 bytes
    // share an object with the next line), and the unfinished last line goes out as it is.
    expect(texts).toEqual([
      "short 1\nshort 2\n",
      "L".repeat(64),
      "L".repeat(64),
      "L".repeat(22) + "\n" + "x".repeat(30) + "\n",
      "tail without newline",
    ]);
    expect(texts.join("")).toBe(content);
  });

  it("names objects in publish order even when the clock stands still", async () => {
    const frozen = makeEngine(workspace, { limit: 8, nowMillis: () => Date.UTC(2026, 0, 1) });
    writeLog(general(), "abcdefg\n".repeat(5));
    await frozen.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    appendLog(general(), "later\n");
    await frozen.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    const names = await objectNames(workspace.store, "demo", prefix);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(6);
    expect(names[0]).toBe(`${prefix}log-2026-01-01T00:00:00.000000`);
    expect(names[5]).toBe(`${prefix}log-2026-01-01T00:00:00.000005`);
  });

  it("sends only bytes not yet published", async () => {
    writeLog(general(), "a\n".repeat(100));
    await publish();
    const before = await objectNames(workspace.store, "demo", prefix);
    appendLog(general(), "b\n");
    await publish();
    const after = await objectNames(workspace.store, "demo", prefix);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    const last = await workspace.store.headObject("demo", "database_logs", after.at(-1)!);
    expect(last.bytes).toBe(2);
  });

  it("writes Trove's metafile", async () => {
    writeLog(general(), "first line\nsecond\n");
    await publish();
    const read = await workspace.store.getObject("demo", "database_logs", `${MYSQL}/mysql-general_metafile`);
    const parts: Buffer[] = [];
    for await (const part of read.body) parts.push(Buffer.from(part as Uint8Array));
    const meta = JSON.parse(Buffer.concat(parts).toString());
    expect(meta).toMatchObject({
      log_name: "general",
      log_type: "USER",
      log_file: general(),
      log_size: 18,
    });
    const { createHash } = await import("node:crypto");
    expect(meta.log_header_digest).toBe(createHash("md5").update("first line\n").digest("hex"));
  });

  it("does not set X-Delete-After when guest_log_expiry is 0", async () => {
    const forever = makeEngine(workspace, { expiry: 0 });
    writeLog(general(), "keep\n");
    await forever.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    const [name] = await objectNames(workspace.store, "demo", prefix);
    expect((await workspace.store.headObject("demo", "database_logs", name!)).deleteAt).toBeUndefined();
  });
});
