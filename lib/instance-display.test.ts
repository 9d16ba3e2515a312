import { describe, expect, it } from "vitest";
import {
  canRestart,
  datastoreLabel,
  formatUtcTime,
  instanceStatusLabel,
  instanceStatusTone,
} from "./instance-display";

describe("instance display", () => {
  it("names the datastore and its version", () => {
    expect(datastoreLabel({ type: "mysql", version: "8.0.36" })).toBe("MySQL 8.0.36");
    expect(datastoreLabel({ type: "postgresql", version: "15" })).toBe("PostgreSQL 15");
    expect(datastoreLabel({ type: "cassandra", version: "" })).toBe("cassandra");
  });

  it("shows statuses as Horizon does, coloured by what they ask of the user", () => {
    expect(instanceStatusLabel("RESTART_REQUIRED")).toBe("Restart Required");
    expect(instanceStatusLabel("ACTIVE")).toBe("Active");
    expect(instanceStatusTone("ACTIVE")).toBe("green");
    expect(instanceStatusTone("RESTART_REQUIRED")).toBe("amber");
    expect(instanceStatusTone("BUILD")).toBe("neutral");
    expect(instanceStatusTone("ERROR")).toBe("red");
    expect(instanceStatusTone("SHUTDOWN")).toBe("red");
  });

  it("offers a restart where Trove allows one", () => {
    expect(["ACTIVE", "RESTART_REQUIRED", "SHUTDOWN"].every(canRestart)).toBe(true);
    expect(["BUILD", "ERROR", "REBOOT"].some(canRestart)).toBe(false);
  });

  it("shows Trove's times in UTC", () => {
    expect(formatUtcTime("2026-12-01T20:40:06Z")).toBe("2026-12-01 20:40:06 UTC");
    expect(formatUtcTime("not a time")).toBe("not a time");
  });
});
