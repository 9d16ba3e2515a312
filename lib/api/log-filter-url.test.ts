import { describe, expect, it } from "vitest";
import { paths } from "@/lib/paths";
import { parseLogViewerUrl } from "./log-viewer-url";

describe("filter mode in the viewer's URL", () => {
  it("round-trips text, levels and context, so a link reopens the same filter", () => {
    const filter = { text: "deadlock", levels: ["error", "critical"], context: 3 };
    const url = paths.logViewer("project", "i-1", "error", { line: 42, filter });
    expect(url).toBe(
      "/project/instances/i-1/logs/error?line=42&filter=deadlock&level=error%2Ccritical&context=3",
    );
    expect(parseLogViewerUrl(new URL(url, "http://x").searchParams)).toEqual({ line: 42, filter });
  });

  it("takes levels alone, drops unknown severities and a context out of range", () => {
    expect(parseLogViewerUrl({ filter: "", level: "error,loud" })).toEqual({
      filter: { text: "", levels: ["error"], context: 0 },
    });
    expect(parseLogViewerUrl({ filter: "x", context: "500" })).toEqual({
      filter: { text: "x", levels: [], context: 0 },
    });
    expect(parseLogViewerUrl({ filter: "", level: "loud" })).toEqual({});
  });

  it("keeps a regular expression and case sensitivity, so the link runs the same filter", () => {
    const filter = { text: "dead(lock|ly)", regex: true, caseSensitive: true, levels: [], context: 0 };
    const url = paths.logViewer("admin", "i-1", "error", { filter });
    expect(url).toBe(
      "/admin/instances/i-1/logs/error?filter=dead%28lock%7Cly%29&filter_regex=1&filter_case=1",
    );
    expect(parseLogViewerUrl(new URL(url, "http://x").searchParams)).toEqual({ filter });
    expect(parseLogViewerUrl({ filter: "x", filter_regex: "0" })).toEqual({
      filter: { text: "x", levels: [], context: 0 },
    });
  });
});
