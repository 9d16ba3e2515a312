import { describe, expect, it } from "vitest";
import { paths } from "@/lib/paths";
import { parseLogViewerParams, parseLogViewerUrl } from "./log-viewer-url";

describe("parseLogViewerUrl", () => {
  it("reads the line and the search", () => {
    expect(parseLogViewerUrl({ line: "42", q: "ERROR", regex: "1", case: "0" })).toEqual({
      line: 42,
      q: "ERROR",
      regex: true,
      caseSensitive: false,
    });
    expect(parseLogViewerUrl(new URLSearchParams("q=a&case=1"))).toEqual({
      q: "a",
      regex: false,
      caseSensitive: true,
    });
  });

  it("reads a line range, in either order", () => {
    expect(parseLogViewerUrl({ line: "120-180" })).toEqual({ line: 120, lineEnd: 180 });
    expect(parseLogViewerUrl({ line: "180-120" })).toEqual({ line: 120, lineEnd: 180 });
    expect(parseLogViewerUrl({ line: "7-7" })).toEqual({ line: 7 });
    for (const line of ["1-", "-5", "1-2-3", "0-4", "3-x", "1.5-2"])
      expect(parseLogViewerUrl({ line }), line).toEqual({});
    const url = paths.logViewer("project", "i-1", "general", { line: 120, lineEnd: 180, q: "x" });
    expect(url).toBe("/project/instances/i-1/logs/general?line=120-180&q=x");
    expect(parseLogViewerUrl(new URL(url, "http://x").searchParams)).toMatchObject({
      line: 120,
      lineEnd: 180,
    });
    expect(paths.logViewer("project", "i-1", "general", { line: 5, lineEnd: 5 })).toMatch(/\?line=5$/);
  });

  it("reads a time, as people write it, and keeps it as ISO UTC next to the line and the search", () => {
    expect(parseLogViewerUrl({ t: "2026-12-01T10:00:00Z" })).toEqual({ t: "2026-12-01T10:00:00Z" });
    expect(parseLogViewerUrl({ t: "2026-12-01 12:00 +02:00" })).toEqual({ t: "2026-12-01T10:00:00Z" });
    for (const t of ["", "tomorrow", "2026-02-30 10:00"]) expect(parseLogViewerUrl({ t }), t).toEqual({});
    const state = { t: "2026-12-01T10:00:00.250Z", q: "ERROR" };
    const url = paths.logViewer("project", "i-1", "general", state);
    expect(url).toBe("/project/instances/i-1/logs/general?t=2026-12-01T10%3A00%3A00.250Z&q=ERROR");
    expect(parseLogViewerUrl(new URL(url, "http://x").searchParams)).toEqual({
      ...state,
      regex: false,
      caseSensitive: false,
    });
  });

  it("ignores what is malformed", () => {
    expect(parseLogViewerUrl({ line: "0" })).toEqual({});
    expect(parseLogViewerUrl({ line: "abc", q: "" })).toEqual({});
    expect(parseLogViewerUrl({ line: ["7", "8"] })).toEqual({ line: 7 });
    expect(parseLogViewerUrl({ line: "1.5" })).toEqual({});
  });

  it("round-trips with paths.logViewer", () => {
    const state = { line: 9, q: "a+b c", regex: true, caseSensitive: true };
    const url = paths.logViewer("admin", "i-1", "general", state);
    expect(url).toBe("/admin/instances/i-1/logs/general?line=9&q=a%2Bb+c&regex=1&case=1");
    expect(parseLogViewerUrl(new URL(url, "http://x").searchParams)).toEqual(state);
    expect(paths.logViewer("project", "i-1", "general", { regex: true })).toBe(
      "/project/instances/i-1/logs/general",
    );
  });
});

describe("the top line (?top=)", () => {
  it("round-trips beside the linked line, and a malformed one is ignored", () => {
    const url = paths.logViewer("project", "i-1", "general", { line: 40, top: 3000 });
    expect(url).toBe("/project/instances/i-1/logs/general?line=40&top=3000");
    expect(parseLogViewerUrl(new URL(url, "http://x").searchParams)).toEqual({ line: 40, top: 3000 });
    expect(parseLogViewerUrl({ top: "-3" })).toEqual({});
    expect(parseLogViewerUrl({ top: "x" })).toEqual({});
  });
});

describe("parseLogViewerParams", () => {
  it("accepts valid ids and names and refuses others", () => {
    expect(parseLogViewerParams({ id: "i-1", name: "slow_query" })).toEqual({
      id: "i-1",
      name: "slow_query",
    });
    expect(parseLogViewerParams({ id: "i-1", name: "a%2Fb" })).toBeUndefined();
    expect(parseLogViewerParams({ id: "%E0%A4%A", name: "general" })).toBeUndefined();
  });
});
