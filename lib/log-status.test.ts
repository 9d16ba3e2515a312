import { describe, expect, it } from "vitest";
import { LOG_STATUSES } from "@/lib/schemas/log";
import { logStatusInfo } from "./log-status";

describe("logStatusInfo", () => {
  it("gives each of Trove's nine statuses its own colour and an explanation", () => {
    const tones = LOG_STATUSES.map((status) => logStatusInfo(status).tone);
    expect(new Set(tones).size).toBe(LOG_STATUSES.length);
    expect(tones).not.toContain("unknown");
    for (const status of LOG_STATUSES) expect(logStatusInfo(status).description.length).toBeGreaterThan(20);
  });

  it("says what to do for the statuses that need an action", () => {
    expect(logStatusInfo("Rotated").description).toMatch(/next publish replaces the published copy/);
    expect(logStatusInfo("Restart Required").description).toMatch(/[Rr]estart the database/);
    expect(logStatusInfo("Partial").description).toMatch(/Publish to send them/);
    expect(logStatusInfo("Disabled").description).toMatch(/Enable it/);
  });

  it("shows an unknown status neutrally, quoting it", () => {
    expect(logStatusInfo("Frozen")).toEqual({
      tone: "unknown",
      description: expect.stringContaining('"Frozen"'),
    });
    expect(logStatusInfo("published").tone).toBe("unknown");
  });
});
