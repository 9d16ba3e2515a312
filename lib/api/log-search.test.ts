import { describe, expect, it } from "vitest";
import { logSearchEventSchema } from "@/lib/schemas/log-view";
import { logSearchUrl } from "./log-search";
import { createNdjsonSplitter } from "./ndjson-stream";

describe("createNdjsonSplitter", () => {
  it("yields events as their lines complete, across arbitrary pieces", () => {
    const splitter = createNdjsonSplitter(logSearchEventSchema, "search");
    expect(splitter.push('{"type":"match","line":3,"text":"ERROR x"}\n{"type":"prog')).toEqual([
      { type: "match", line: 3, text: "ERROR x" },
    ]);
    expect(splitter.push('ress","scanned":10,"size":20}\n\n{"type":"done","total":1,')).toEqual([
      { type: "progress", scanned: 10, size: 20 },
    ]);
    expect(splitter.push('"truncated":false,"scanned":20}')).toEqual([]);
    expect(splitter.end()).toEqual([{ type: "done", total: 1, truncated: false, scanned: 20 }]);
  });

  it("reports an unreadable line as an error event and skips unknown events", () => {
    const splitter = createNdjsonSplitter(logSearchEventSchema, "search");
    expect(splitter.push('{"type":"unknown"}\nnot json\n')).toEqual([
      { type: "error", message: "The search sent an unreadable answer." },
    ]);
  });
});

describe("logSearchUrl", () => {
  it("builds the project and admin search URLs", () => {
    const query = { q: "a b&c", regex: true, caseSensitive: false };
    expect(logSearchUrl({ scope: "project", id: "i-1", name: "general" }, query)).toBe(
      "/api/instances/i-1/log/general/search?q=a+b%26c&regex=1&case=0",
    );
    expect(logSearchUrl({ scope: "admin", id: "i-1", name: "guest" }, { ...query, limit: 5 })).toBe(
      "/api/admin/instances/i-1/log/guest/search?q=a+b%26c&regex=1&case=0&limit=5",
    );
  });
});
