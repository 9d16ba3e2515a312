import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { tailLog } from "./tail";

let workspace: ReturnType<typeof makeWorkspace>;
const general = () => logFile(workspace.dir, "mysql", "general");

async function text(iterator: AsyncGenerator<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of iterator) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

/** Publishes `content` with small objects so tails cross object boundaries, and returns the reader's view. */
async function publish(content: string | Buffer, limit = 40, store: ObjectStore = workspace.store) {
  writeLog(general(), content);
  const engine = makeEngine({ ...workspace, store }, { limit });
  await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
  return engine.locatePublished(MEMBER, MYSQL, "general");
}

const numbered = (count: number, ending = "\n") =>
  Array.from({ length: count }, (_, i) => `line ${i + 1}${ending}`).join("");

beforeEach(() => {
  workspace = makeWorkspace();
});
afterEach(async () => workspace.cleanup());

describe("tail", () => {
  it("returns the last N lines exactly, across objects", async () => {
    const log = await publish(numbered(100));
    expect((await text(await tailLog(log, 3))).toString()).toBe("line 98\nline 99\nline 100\n");
    expect((await text(await tailLog(log, 50))).toString()).toBe(
      numbered(100).split("\n").slice(50).join("\n"),
    );
  });

  it("counts an unfinished last line as a line", async () => {
    const log = await publish(numbered(10) + "partial");
    expect((await text(await tailLog(log, 2))).toString()).toBe("line 10\npartial");
  });

  it("keeps CRLF and invalid UTF-8 bytes as published", async () => {
    const content = Buffer.concat([
      Buffer.from(numbered(20, "\r\n")),
      Buffer.from([0xff, 0x0a, 0xc3, 0x28, 0x0a]),
    ]);
    const log = await publish(content);
    expect(
      (await text(await tailLog(log, 3))).equals(
        Buffer.concat([Buffer.from("line 20\r\n"), Buffer.from([0xff, 0x0a, 0xc3, 0x28, 0x0a])]),
      ),
    ).toBe(true);
  });

  it("returns the whole log for 0 and for N beyond its length", async () => {
    const log = await publish(numbered(30));
    expect((await text(await tailLog(log, 0))).toString()).toBe(numbered(30));
    expect((await text(await tailLog(log, 1000))).toString()).toBe(numbered(30));
  });

  it("skips the first n lines for -n", async () => {
    const log = await publish(numbered(40));
    expect((await text(await tailLog(log, -37))).toString()).toBe("line 38\nline 39\nline 40\n");
    expect((await text(await tailLog(log, -40))).toString()).toBe("");
    expect((await text(await tailLog(log, -100))).toString()).toBe("");
  });

  it("handles lines longer than an object", async () => {
    const long = "X".repeat(500);
    const log = await publish(`a\n${long}\nb\n`, 64);
    expect((await text(await tailLog(log, 2))).toString()).toBe(`${long}\nb\n`);
    expect((await text(await tailLog(log, -1))).toString()).toBe(`${long}\nb\n`);
  });

  it("ends at the copy's last object: objects after it (in flight, or strays) are left out", async () => {
    const content = numbered(500);
    const log = await publish(content);
    const { entries } = await workspace.store.listObjects("demo", "database_logs", { prefix: log.prefix });
    const objects = entries.flatMap((entry) => (entry.kind === "object" ? [entry] : []));
    const cut = objects.length - 3;
    const copied = objects.slice(0, cut).reduce((sum, entry) => sum + entry.bytes, 0);
    const lastObject = objects[cut - 1]!.name;
    const expected = content.slice(0, copied).split("\n").slice(-6).join("\n");
    expect((await text(await tailLog({ ...log, lastObject }, 5))).toString()).toBe(expected);
    // A last object that has gone (discarded elsewhere): the listing decides.
    const gone = `${log.prefix}log-9999-12-31T23:59:59.999999`;
    expect((await text(await tailLog({ ...log, lastObject: gone }, 5))).toString()).toBe(
      content.split("\n").slice(-6).join("\n"),
    );
  });

  it("reads only the end of a large log for a short tail: one small range read, no listing", async () => {
    const reads: Array<{ name: string; bytes: number }> = [];
    let listings = 0;
    const counting = new Proxy(workspace.store, {
      get(target, property) {
        if (property === "listObjects") listings += 1;
        if (property === "getObject") {
          return async (...args: Parameters<ObjectStore["getObject"]>) => {
            const read = await target.getObject(...args);
            reads.push({ name: args[2], bytes: read.end - read.start + 1 });
            return read;
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const content = numbered(200_000);
    const log = await publish(content, 1_000_000, counting);
    reads.length = 0;
    listings = 0;
    const tail = await text(await tailLog(log, 50));
    expect(tail.toString()).toBe(content.split("\n").slice(-51).join("\n"));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.bytes).toBeLessThan(64 * 1024);
    expect(listings).toBe(0);
    // Without knowing the last object (a remote Trove), one short listing comes first.
    reads.length = 0;
    const { lastObject, ...remote } = log;
    expect(lastObject).toBeDefined();
    expect((await text(await tailLog(remote, 50))).toString()).toBe(tail.toString());
    expect(reads).toHaveLength(1);
    expect(listings).toBe(1);
  });
});
