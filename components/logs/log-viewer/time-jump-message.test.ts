import { describe, expect, it } from "vitest";
import { timeJumpNote } from "./time-jump-message";

const at = "2026-12-01T10:00:00Z";

describe("timeJumpNote", () => {
  it("says where a time jump landed", () => {
    expect(timeJumpNote({ line: 1204, time: at, total_lines: 5000 }, at)).toEqual({
      tone: "info",
      text: "2026-12-01 10:00:00 UTC: line 1,204.",
    });
    expect(timeJumpNote({ line: 7, time: "2026-12-01T10:04:12.5Z", total_lines: 9 }, at).text).toBe(
      "Nothing at 2026-12-01 10:00:00 UTC exactly: the first entry after it is line 7, at 2026-12-01 10:04:12 UTC.",
    );
  });

  it("says so clearly when the log ends before the time or has no times", () => {
    expect(timeJumpNote({ line: null, time: "2026-11-30T23:59:59Z", total_lines: 9 }, at)).toEqual({
      tone: "miss",
      text: "The log ends before 2026-12-01 10:00:00 UTC: showing its last lines.",
    });
    const none = timeJumpNote({ line: null, time: null, total_lines: 9 }, at);
    expect(none.tone).toBe("miss");
    expect(none.text).toMatch(/^No line of this log carries a time/);
  });
});
