import { describe, expect, it } from "vitest";
import { formatUtc, formatUtcSpan, parseUtcTime } from "./utc-time";

describe("parseUtcTime", () => {
  it("reads what people type or paste, as UTC unless a zone is given", () => {
    const cases: Record<string, string> = {
      "2026-12-01 10:00": "2026-12-01T10:00:00Z",
      "2026-12-01T10:00:00Z": "2026-12-01T10:00:00Z",
      " 2026-12-01T10:00:00.123456Z ": "2026-12-01T10:00:00.123Z",
      "2026-12-01 10:00:05,250": "2026-12-01T10:00:05.250Z",
      "2026/12/1 9:05": "2026-12-01T09:05:00Z",
      "2026-12-01": "2026-12-01T00:00:00Z",
      "2026-12-01 10:00:00 UTC": "2026-12-01T10:00:00Z",
      "2026-12-01T12:00:00+02:00": "2026-12-01T10:00:00Z",
      "2026-12-01 05:30:00 -0430": "2026-12-01T10:00:00Z",
      "2026-12-01T00:30+01": "2026-11-30T23:30:00Z",
    };
    for (const [text, iso] of Object.entries(cases)) expect(parseUtcTime(text), text).toBe(iso);
  });

  it("refuses what is not a real date and time", () => {
    for (const text of [
      "",
      "yesterday",
      "10:00",
      "2026-02-30 10:00",
      "2026-13-01",
      "2026-12-01 24:00",
      "2026-12-01 10:60",
      "2026-12-01 10",
      "2026-12-01 10:00 +15:00",
      "2026-12-01 10:00 and more",
    ])
      expect(parseUtcTime(text), text).toBeNull();
  });
});

describe("formatUtc", () => {
  it("shows UTC to the second or minute, and spans with one date", () => {
    expect(formatUtc("2026-12-01T10:00:05.250Z")).toBe("2026-12-01 10:00:05");
    expect(formatUtc("2026-12-01T12:00:05+02:00", "minute")).toBe("2026-12-01 10:00");
    expect(formatUtc("nonsense")).toBe("");
    expect(formatUtcSpan("2026-12-01T10:00:00Z", "2026-12-01T10:01:00Z")).toBe(
      "2026-12-01 10:00:00–10:01:00",
    );
    expect(formatUtcSpan("2026-12-01T23:00:00Z", "2026-12-02T01:00:00Z")).toBe(
      "2026-12-01 23:00:00 – 2026-12-02 01:00:00",
    );
  });
});
