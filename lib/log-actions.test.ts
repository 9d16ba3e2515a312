import { describe, expect, it } from "vitest";
import { availableLogActions, bulkPublishAction, publishActionLabel } from "./log-actions";

const log = (overrides: Partial<Parameters<typeof availableLogActions>[0]> = {}) => ({
  type: "USER" as const,
  status: "Ready",
  published: 0,
  container: "None",
  ...overrides,
});

describe("availableLogActions", () => {
  it("offers View and Download only when something is published", () => {
    expect(availableLogActions(log())).toMatchObject({ view: false, download: false });
    expect(availableLogActions(log({ published: 1, status: "Published", container: "c" }))).toMatchObject({
      view: true,
      download: true,
    });
  });

  it("always offers Publish, whatever the type and status", () => {
    for (const status of ["Disabled", "Enabled", "Rotated", "Something new"]) {
      expect(availableLogActions(log({ status })).publish).toBe(true);
      expect(availableLogActions(log({ status, type: "SYS" })).publish).toBe(true);
    }
  });

  it("never offers Enable or Disable on SYS logs", () => {
    for (const status of ["Disabled", "Enabled", "Partial", "Restart Required"]) {
      const actions = availableLogActions(log({ type: "SYS", status }));
      expect(actions.enable).toBe(false);
      expect(actions.disable).toBe(false);
    }
  });

  it("offers the toggle that applies to a USER log", () => {
    expect(availableLogActions(log({ status: "Disabled" }))).toMatchObject({ enable: true, disable: false });
    for (const status of ["Enabled", "Ready", "Published", "Partial", "Rotated", "Unavailable"]) {
      expect(availableLogActions(log({ status }))).toMatchObject({ enable: false, disable: true });
    }
  });

  it("offers both toggles while a change waits for a restart", () => {
    expect(availableLogActions(log({ status: "Restart Required" }))).toMatchObject({
      enable: true,
      disable: true,
    });
  });

  it("offers Discard when objects are stored, not when nothing was published", () => {
    expect(availableLogActions(log()).discard).toBe(false);
    expect(availableLogActions(log({ published: 10, container: "database_logs" })).discard).toBe(true);
    expect(availableLogActions(log({ published: 0, container: "database_logs" })).discard).toBe(true);
  });

  it("labels the publish of a Disabled USER log 'Enable & publish', and only that one", () => {
    expect(publishActionLabel(log({ status: "Disabled" }))).toBe("Enable & publish");
    expect(publishActionLabel(log({ status: "Disabled", type: "SYS" }))).toBe("Publish");
    for (const status of ["Enabled", "Published", "Restart Required", "Partial"])
      expect(publishActionLabel(log({ status }), "Publish now")).toBe("Publish now");
  });
});

describe("bulkPublishAction", () => {
  const named = (name: string, status: string, type: "USER" | "SYS" = "USER") => ({ name, status, type });
  it("says 'Enable & publish selected' and names the logs it turns on when a selected one is Disabled", () => {
    expect(bulkPublishAction([named("general", "Ready"), named("guest", "Disabled", "SYS")])).toEqual({
      label: "Publish selected",
      enables: [],
    });
    expect(bulkPublishAction([named("general", "Published"), named("slow_query", "Disabled")])).toEqual({
      label: "Enable & publish selected",
      enables: ["slow_query"],
    });
    expect(bulkPublishAction([]).label).toBe("Publish selected");
  });
});
