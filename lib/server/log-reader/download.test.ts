import type { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ObjectStoreError, type ObjectStore } from "@/lib/server/object-store/object-store";
import {
  appendLog,
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import { downloadLog } from "./download";
import { WHOLE_LOG_READ_AHEAD } from "./read-ahead";

let workspace: ReturnType<typeof makeWorkspace>;
const general = () => logFile(workspace.dir, "mysql", "general");
const numbered = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}\n`).join("");

/** The real store, watching the object bodies it hands out; `failOn` makes that object's GET fail. */
function watchedStore(failOn?: number) {
  const bodies: Readable[] = [];
  let mostOpen = 0;
  const open = () => bodies.filter((body) => !body.destroyed && !body.readableEnded).length;
  const store = new Proxy(workspace.store, {
    get(target, property) {
      if (property === "getObject") {
        return async (...args: Parameters<ObjectStore["getObject"]>) => {
          if (bodies.length === failOn) throw new ObjectStoreError(503, "simulated: Swift went away");
          const read = await target.getObject(...args);
          bodies.push(read.body);
          mostOpen = Math.max(mostOpen, open());
          return read;
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { store, bodies, open, mostOpen: () => mostOpen };
}

async function publish(content: string, store: ObjectStore = workspace.store) {
  writeLog(general(), content);
  const engine = makeEngine({ ...workspace, store }, { limit: 1000 });
  await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
  return engine.locatePublished(MEMBER, MYSQL, "general");
}

beforeEach(() => {
  workspace = makeWorkspace();
});
afterEach(async () => workspace.cleanup());

describe("download", () => {
  it("streams every object in order with the exact length, reading a few objects ahead at most", async () => {
    const watched = watchedStore();
    const log = await publish(numbered(5000), watched.store); // ~49 KB in ~50 objects
    appendLog(general(), "not yet published\n");
    const { size, body } = await downloadLog(log);
    const parts: Buffer[] = [];
    for await (const part of body) parts.push(Buffer.from(part));
    expect(size).toBe(Buffer.byteLength(numbered(5000)));
    expect(Buffer.concat(parts).toString()).toBe(numbered(5000));
    expect(watched.mostOpen()).toBeGreaterThan(1);
    expect(watched.mostOpen()).toBeLessThanOrEqual(WHOLE_LOG_READ_AHEAD.objects);
  });

  it("a reader that stops early (client gone) releases every object it had opened ahead", async () => {
    const watched = watchedStore();
    const log = await publish(numbered(5000), watched.store);
    const { body } = await downloadLog(log);
    await body.next();
    await body.return(undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(watched.bodies.length).toBeGreaterThan(1);
    expect(watched.open()).toBe(0);
  });

  it("an object that cannot be read ends the stream with the store's error after the bytes before it", async () => {
    const log = await publish(numbered(5000));
    const watched = watchedStore(10);
    const { body } = await downloadLog({ ...log, store: watched.store });
    let received = 0;
    await expect(
      (async () => {
        for await (const part of body) received += part.byteLength;
      })(),
    ).rejects.toMatchObject({ status: 503 });
    const tenObjects = (await downloadLog(log)).size; // positive, and the first ten objects came through
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(tenObjects);
    expect(watched.open()).toBe(0);
  });
});
