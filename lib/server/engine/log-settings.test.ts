import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LogSettings } from "./log-settings";

const dir = mkdtempSync(join(tmpdir(), "log-settings-"));
afterEach(() => rmSync(join(dir, "log-settings.json"), { force: true }));

describe("LogSettings shared by replicas (one data directory)", () => {
  it("a log switched on by one replica reads as on in another that started before", () => {
    const file = join(dir, "log-settings.json");
    const [a, b] = [new LogSettings(file), new LogSettings(file)];
    expect(b.get("i1", "general")).toBeUndefined();
    a.set("i1", "general", { enabled: true, restartPending: false });
    expect(b.get("i1", "general")).toEqual({ enabled: true, restartPending: false });
  });

  it("a switch on one replica keeps the other's switches of other logs", () => {
    const file = join(dir, "log-settings.json");
    const [a, b] = [new LogSettings(file), new LogSettings(file)];
    a.set("i1", "general", { enabled: true, restartPending: false });
    b.set("i1", "slow_query", { enabled: true, restartPending: false });
    expect(new LogSettings(file).get("i1", "general")).toEqual({ enabled: true, restartPending: false });
    expect(a.get("i1", "slow_query")).toEqual({ enabled: true, restartPending: false });
  });
});
