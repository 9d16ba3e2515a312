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
