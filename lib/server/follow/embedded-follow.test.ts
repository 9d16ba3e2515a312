import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FollowBody } from "@/lib/schemas/log-follow";
import type { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import {
  appendLog,
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  objectNames,
  publishedBytes,
} from "@/lib/server/testing/engine-fixture";
import { EmbeddedFollow } from "./embedded-follow";
import { MAX_PENDING_AGE_MS } from "./publish-policy";

const LIMIT = 10_000;
const prefix = `${MYSQL}/mysql-general/`;
let workspace: ReturnType<typeof makeWorkspace>;
let engine: GuestLogEngine;
let follow: EmbeddedFollow;
let now: number;
const general = () => logFile(workspace.dir, "mysql", "general");
const objects = () => objectNames(workspace.store, "demo", prefix);
const poll = (body: Partial<FollowBody> = {}) =>
  follow.poll(MEMBER, MYSQL, "general", { follower: "viewer-one", ...body });
const line = (index: number) => `2026-12-02T12:00:00.000000Z\t  ${index} Query\tselect ${index};\n`;

beforeEach(() => {
  workspace = makeWorkspace();
  engine = makeEngine(workspace, { limit: LIMIT });
  now = 1_000_000;
  follow = new EmbeddedFollow(engine, { limit: LIMIT, nowMillis: () => now, followerTimeoutMs: 30_000 });
});
afterEach(async () => {
  await follow.close();
  await workspace.cleanup();
});

const enableAndPublish = async (lines: number) => {
  await engine.logAction(MEMBER, MYSQL, { name: "general", enable: true });
  for (let index = 0; index < lines; index += 1) appendLog(general(), line(index));
  await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
};

describe("Follow on the embedded service", () => {
  it("does not turn a Disabled log on unless asked, and enables it when the person agreed", async () => {
    const refused = await poll();
    expect(refused.state).toBe("disabled");
    expect((await engine.logAction(MEMBER, MYSQL, { name: "general" })).status).toBe("Disabled");
    const agreed = await poll({ enable: true });
    expect(agreed.state).toBe("following");
    expect(agreed.log.status).not.toBe("Disabled");
  });

  it("shows new lines live from the file and creates no objects while they are few", async () => {
    await enableAndPublish(3);
    const published = (await objects()).length;
    let from: number | undefined;
    const seen: string[] = [];
    for (let index = 3; index < 13; index += 1) {
      appendLog(general(), line(index));
      now += 2_000;
      const state = await poll({ from });
      seen.push(state.live?.text ?? "");
      from = state.live?.to;
    }
    expect(seen.join("")).toBe(Array.from({ length: 10 }, (_, index) => line(index + 3)).join(""));
    expect(await objects()).toHaveLength(published);
  });

  it("publishes at 90% of guest_log_limit, in one object close to the limit, byte-exact", async () => {
    await enableAndPublish(1);
    const before = (await objects()).length;
    let state = await poll();
    for (let index = 1; state.published_now === undefined && index < 1000; index += 1) {
      appendLog(general(), line(index));
      now += 100;
      state = await poll();
    }
    expect(state.published_now).toBe("size");
    const names = await objects();
    expect(names).toHaveLength(before + 1);
    const info = await workspace.store.headObject("demo", "database_logs", names.at(-1)!);
    expect(info.bytes).toBeGreaterThanOrEqual(0.9 * LIMIT);
    expect((await publishedBytes(workspace.store, "demo", prefix)).equals(readFileSync(general()))).toBe(
      true,
    );
  });

  it("publishes what waited five minutes, and what is pending when the last follower leaves", async () => {
    await enableAndPublish(1);
    appendLog(general(), line(1));
    expect((await poll()).published_now).toBeUndefined();
    now += MAX_PENDING_AGE_MS;
    expect((await poll()).published_now).toBe("age");
    appendLog(general(), line(2));
    await poll();
    await poll({ follower: "viewer-two" });
    expect((await poll({ leave: true })).published_now).toBeUndefined(); // another still follows
    const left = await poll({ follower: "viewer-two", leave: true });
    expect(left).toMatchObject({ state: "left", published_now: "leave" });
    expect(left.log.pending).toBe(0);
  });

  it("flushes when the followers stop polling (tab closed)", async () => {
    await enableAndPublish(1);
    appendLog(general(), line(1));
    await poll();
    now += 31_000;
    await follow.sweep();
    expect((await engine.logAction(MEMBER, MYSQL, { name: "general" })).pending).toBe(0);
    expect(follow.size).toBe(0);
  });

  it("does not publish again a log discarded after its follower left", async () => {
    await enableAndPublish(3);
    await poll();
    await engine.logAction(MEMBER, MYSQL, { name: "general", discard: true });
    now += 31_000;
    await follow.sweep();
    expect(await objects()).toEqual([]);
  });

  it("stops, publishing nothing, when someone disables the log while it is followed", async () => {
    await enableAndPublish(1);
    await poll();
    appendLog(general(), line(1));
    await engine.logAction(MEMBER, MYSQL, { name: "general", disable: true });
    now += MAX_PENDING_AGE_MS;
    const before = await objects();
    expect((await poll()).state).toBe("disabled");
    await follow.close();
    expect(await objects()).toEqual(before);
    expect((await engine.logAction(MEMBER, MYSQL, { name: "general" })).status).toBe("Disabled");
  });
});
