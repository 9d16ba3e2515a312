import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import {
  appendLog,
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  objectNames,
} from "@/lib/server/testing/engine-fixture";
import { REMOTE_MIN_INTERVAL_MS } from "./publish-policy";
import { RemoteFollow, type RemoteLogActions } from "./remote-follow";

// The embedded engine stands in for the remote Trove: the same log API, Trove's enable-on-publish included.
let workspace: ReturnType<typeof makeWorkspace>;
let engine: GuestLogEngine;
let now: number;
let follow: RemoteFollow;
let publishes: number;
const general = () => logFile(workspace.dir, "mysql", "general");
const actions: RemoteLogActions = {
  show: () => engine.logAction(MEMBER, MYSQL, { name: "general" }),
  publish: () => {
    publishes += 1;
    return engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
  },
  enable: () => engine.logAction(MEMBER, MYSQL, { name: "general", enable: true }),
};
const poll = (follower = "viewer-one", enable = false) =>
  follow.poll(`demo/${MYSQL}/general`, actions, { follower, enable });

beforeEach(() => {
  workspace = makeWorkspace();
  engine = makeEngine(workspace);
  now = 1_000_000;
  publishes = 0;
  follow = new RemoteFollow(() => now);
});
afterEach(() => workspace.cleanup());

describe("Follow through a remote Trove", () => {
  it("publishes at most once per interval per log, whoever follows it", async () => {
    await actions.enable();
    for (let second = 0; second < 60; second += 2) {
      appendLog(general(), `line at ${second}\n`);
      await poll("viewer-one");
      await poll("viewer-two");
      now += 2_000;
    }
    expect(publishes).toBe(Math.ceil(60_000 / REMOTE_MIN_INTERVAL_MS));
  });

  it("backs off while publishes bring nothing new", async () => {
    await actions.enable();
    appendLog(general(), "one\n");
    for (let second = 0; second < 600; second += 2) {
      await poll();
      now += 2_000;
    }
    // At 0 s, 15, 30, 60, 120, 240, 480: far fewer than one per 15 s (40).
    expect(publishes).toBeLessThanOrEqual(7);
    expect(await objectNames(workspace.store, "demo", `${MYSQL}/mysql-general/`)).toHaveLength(1);
  });

  it("never publishes a Disabled log (Trove's publish would enable it) unless the person agreed", async () => {
    appendLog(general(), "written before it was disabled\n");
    expect((await poll()).state).toBe("disabled");
    expect(publishes).toBe(0);
    expect((await actions.show()).status).toBe("Disabled");
    const agreed = await poll("viewer-one", true);
    expect(agreed).toMatchObject({ state: "following", published_now: "remote" });
  });
});
