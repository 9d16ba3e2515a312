import { describe, expect, it } from "vitest";
import { buildMatcher } from "./search-matcher";
import {
  displayText,
  isSlowQueryHeader,
  matchCountLabel,
  matchRanges,
  segmentLine,
  severityRanges,
  stepMatch,
  type MatchSummary,
} from "./processing";

describe("severityRanges", () => {
  it("finds the upper-case level words of PostgreSQL, oslo.log and MySQL 8", () => {
    expect(severityRanges("2024-05-01 10:00:00 UTC [42] ERROR:  relation does not exist")).toEqual([
      { start: 29, end: 34, severity: "error" },
    ]);
    const words = ["FATAL", "PANIC", "CRITICAL", "WARNING", "WARN", "NOTE", "INFO", "LOG", "DEBUG"];
    expect(words.map((word) => severityRanges(`x ${word} y`)[0]?.severity)).toEqual([
      "error",
      "error",
      "error",
      "warn",
      "warn",
      "info",
      "info",
      "info",
      "info",
    ]);
  });

  it("finds MySQL's and MariaDB's bracketed [Warning] / [Note] / [System] / [ERROR]", () => {
    const line =
      "2024-05-01T10:00:00.000000Z 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.";
    expect(severityRanges(line)).toEqual([{ start: 30, end: 39, severity: "warn" }]);
    expect(severityRanges("0 [Note] InnoDB: ready")[0]?.severity).toBe("info");
    expect(severityRanges("0 [System] [MY-010116]")[0]?.severity).toBe("info");
    expect(severityRanges("0 [ERROR] [MY-012574]")[0]?.severity).toBe("error");
  });

  it("takes whole words only", () => {
    expect(severityRanges("ERRORS error_count MY_ERROR LOGIN INFORMATION warning Note")).toEqual([]);
    expect(severityRanges("SELECT * FROM error_log WHERE level='warn'")).toEqual([]);
  });
});

describe("isSlowQueryHeader", () => {
  it("recognises the slow-query entry headers", () => {
    expect(isSlowQueryHeader("# Time: 2024-05-01T10:00:00.123456Z")).toBe(true);
    expect(isSlowQueryHeader("# User@Host: shop[shop] @  [10.0.0.7]  Id:    12")).toBe(true);
    expect(isSlowQueryHeader("# Query_time: 2.000123  Lock_time: 0.000010 Rows_sent: 1")).toBe(true);
    expect(isSlowQueryHeader("SET timestamp=1714557600;")).toBe(false);
    expect(isSlowQueryHeader("  # Time: indented is not a header")).toBe(false);
  });
});

describe("buildMatcher / matchRanges", () => {
  it("escapes a literal search and honours the case option", () => {
    const literal = buildMatcher({ q: "a.b(", regex: false, caseSensitive: false });
    expect(matchRanges("xA.B(y a.b( axb(", literal)).toEqual([
      { start: 1, end: 5 },
      { start: 7, end: 11 },
    ]);
    const exact = buildMatcher({ q: "Err", regex: false, caseSensitive: true });
    expect(matchRanges("err Err ERR", exact)).toEqual([{ start: 4, end: 7 }]);
  });

  it("runs a regex, skips empty matches, and gives null for an invalid one", () => {
    const regex = buildMatcher({ q: "id=\\d+", regex: true, caseSensitive: false });
    expect(matchRanges("id=1 x ID=22", regex)).toEqual([
      { start: 0, end: 4 },
      { start: 7, end: 12 },
    ]);
    expect(matchRanges("abc", buildMatcher({ q: "x*", regex: true, caseSensitive: false }))).toEqual([]);
    expect(buildMatcher({ q: "(", regex: true, caseSensitive: false })).toBeNull();
    expect(buildMatcher(null)).toBeNull();
    expect(buildMatcher({ q: "", regex: false, caseSensitive: false })).toBeNull();
  });

  it("paints what the server's RE2 finds: its syntax, JavaScript's escapes, nothing it refuses", () => {
    const spec = (q: string) => ({ q, regex: true, caseSensitive: false });
    const upper = buildMatcher({ q: "\\p{Lu}+", regex: true, caseSensitive: true });
    expect(matchRanges("café ÉTÉ", upper)).toEqual([{ start: 5, end: 8 }]);
    expect(matchRanges("x café", buildMatcher(spec("caf\\u00e9")))).toEqual([{ start: 2, end: 6 }]);
    expect(matchRanges("ab ab", buildMatcher(spec("(?P<x>ab)")))).toHaveLength(2);
    expect(matchRanges("x 😀 y", buildMatcher(spec("\\u{1F600}")))).toEqual([{ start: 2, end: 4 }]);
    // The server answers 400 for backreferences and lookaround: no paint either.
    expect(buildMatcher(spec("(a)\\1"))).toBeNull();
    expect(buildMatcher(spec("a(?=b)"))).toBeNull();
  });

  it("never freezes the page: patterns that make a backtracking engine explode run in linear time", () => {
    // With a RegExp the first of these would not finish in the test's time (nor in a person's life).
    const line = "a".repeat(20_000);
    for (const q of ["(a|aa)+$x", "(.|.)*#@!", "(a+)+$x", "^(\\w+\\s?)*$x", "(x+x+)+y"]) {
      expect(matchRanges(line, buildMatcher({ q, regex: true, caseSensitive: false }))).toEqual([]);
    }
  });

  it("stops at the given number of matches", () => {
    const matcher = buildMatcher({ q: "a", regex: false, caseSensitive: false });
    expect(matchRanges("a".repeat(1000), matcher, 5)).toHaveLength(5);
  });
});

describe("segmentLine", () => {
  it("returns the line whole when nothing is painted", () => {
    expect(segmentLine("plain text", null)).toEqual([{ text: "plain text" }]);
  });

  it("cuts the line where severities and matches start and end, overlaps included", () => {
    const matcher = buildMatcher({ q: "ROR: dis", regex: false, caseSensitive: true });
    const segments = segmentLine("x ERROR: disk full", matcher);
    expect(segments).toEqual([
      { text: "x " },
      { text: "ER", severity: "error" },
      { text: "ROR", severity: "error", match: true },
      { text: ": dis", match: true },
      { text: "k full" },
    ]);
    expect(segments.map((segment) => segment.text).join("")).toBe("x ERROR: disk full");
  });
});

describe("displayText", () => {
  it("cuts very long lines and says how much is hidden", () => {
    expect(displayText("short", 10)).toEqual({ text: "short", hidden: 0 });
    expect(displayText("x".repeat(25), 10)).toEqual({ text: "x".repeat(10), hidden: 15 });
  });
});

describe("stepMatch", () => {
  const lines = [10, 20, 30];

  it("starts from the top visible line, then steps with wrap-around", () => {
    expect(stepMatch(lines, null, 15, 1)).toBe(1);
    expect(stepMatch(lines, null, 20, 1)).toBe(1);
    expect(stepMatch(lines, null, 31, 1)).toBe(0);
    expect(stepMatch(lines, null, 25, -1)).toBe(1);
    expect(stepMatch(lines, null, 20, -1)).toBe(1);
    expect(stepMatch(lines, null, 5, -1)).toBe(2);
    expect(stepMatch(lines, 2, 0, 1)).toBe(0);
    expect(stepMatch(lines, 0, 0, -1)).toBe(2);
    expect(stepMatch(lines, 1, 0, 1)).toBe(2);
  });

  it("has nothing to step to without matches", () => {
    expect(stepMatch([], null, 1, 1)).toBeNull();
  });
});

describe("matchCountLabel", () => {
  const base: MatchSummary = { status: "done", found: 0, total: 0, truncated: false, current: null };

  it("says what the search found", () => {
    expect(matchCountLabel({ ...base, status: "idle" })).toBe("");
    expect(matchCountLabel({ ...base, status: "searching" })).toBe("Searching…");
    expect(matchCountLabel(base)).toBe("No matches");
    expect(matchCountLabel({ ...base, found: 340, total: 340 })).toBe("340 matches");
    expect(matchCountLabel({ ...base, found: 1, total: 1 })).toBe("1 match");
    expect(matchCountLabel({ ...base, status: "searching", found: 3, total: null })).toBe("3 so far…");
    expect(matchCountLabel({ ...base, found: 340, total: 340, current: 11 })).toBe("12 of 340");
    expect(matchCountLabel({ ...base, status: "searching", found: 340, total: null, current: 0 })).toBe(
      "1 of 340…",
    );
  });

  it("says when only the first matches were sent", () => {
    const truncated = { ...base, found: 10_000, total: 34_567, truncated: true };
    expect(matchCountLabel(truncated)).toBe("34,567 matches (first 10,000 shown)");
    expect(matchCountLabel({ ...truncated, current: 11 })).toBe("12 of 34,567 (first 10,000 shown)");
    expect(matchCountLabel({ ...truncated, total: 10_000 })).toBe("10,000+ matches (first 10,000 shown)");
    expect(matchCountLabel({ ...truncated, total: 10_000, current: 0 })).toBe(
      "1 of 10,000+ (first 10,000 shown)",
    );
  });
});
