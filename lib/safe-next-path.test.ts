import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

const FALLBACK = "/project/instances";

describe("safeNextPath", () => {
  it.each([
    ["/project/instances/abc/logs/general", "/project/instances/abc/logs/general"],
    [
      "/project/instances/abc/logs/general?q=ERROR&line=12#top",
      "/project/instances/abc/logs/general?q=ERROR&line=12#top",
    ],
    ["/admin/instances", "/admin/instances"],
  ])("keeps the same-site path %s", (value, expected) =>
    expect(safeNextPath(value, FALLBACK)).toBe(expected),
  );

  it.each([
    "/\t/evil.example", // what ?next=/%09/evil.example decodes to: browsers drop the tab → //evil.example
    "/\n/evil",
    "/\r/evil",
    "/\u0000/evil",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "",
    undefined,
    null,
  ])("sends %j to the default page", (value) => expect(safeNextPath(value, FALLBACK)).toBe(FALLBACK));
});
