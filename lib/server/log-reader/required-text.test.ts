import { describe, expect, it } from "vitest";
import { literalRuns, regexRequiredText } from "./required-text";

describe("text every match of a regular expression holds", () => {
  it("takes the plain runs at the top level, cut where a quantifier may drop or repeat a character", () => {
    expect(literalRuns("svc-4[0-9]'")).toEqual(["svc-4", "'"]);
    expect(literalRuns("ab*c")).toEqual(["a", "c"]); // b may be absent
    expect(literalRuns("ab?c")).toEqual(["a", "c"]);
    expect(literalRuns("ab{0,2}cd")).toEqual(["a", "cd"]);
    expect(literalRuns("ab+c")).toEqual(["ab", "c"]); // "abbc": ab and c, never abc
    expect(literalRuns("ab+?c")).toEqual(["ab", "c"]);
    expect(literalRuns("^took \\d+ ms$")).toEqual(["took ", " ms"]);
    expect(literalRuns("a.b")).toEqual(["a", "b"]);
    expect(literalRuns("10\\.0\\.0\\.7\\??")).toEqual(["10.0.0.7"]); // escaped punctuation is itself
  });

  it("claims nothing from groups, classes, alternatives, escapes with a meaning or inline flags", () => {
    expect(literalRuns("x(abc)?y")).toEqual(["x", "y"]);
    expect(literalRuns("(?:abc|def)gh")).toEqual(["gh"]);
    expect(literalRuns("abc|def")).toEqual([]);
    expect(literalRuns("[abc]de[\\]x]f")).toEqual(["de", "f"]);
    expect(literalRuns("a\\sb\\x41c\\101d\\p{Greek}e\\Qe.f\\Eg")).toEqual(["a", "b", "c", "d", "e", "g"]);
    expect(literalRuns("\\pLab\\PNcd\\x7e")).toEqual(["ab", "cd"]); // one-letter class names
    expect(literalRuns("(?i)Error")).toEqual([]);
    expect(literalRuns("x(?-m:y)z")).toEqual([]);
  });

  it("keeps characters beyond the BMP whole when a quantifier drops one", () => {
    expect(literalRuns("a😀?b😀c")).toEqual(["a", "b😀c"]);
  });

  it("uses letters only when case matters", () => {
    expect(regexRequiredText("svc-4[0-9]'", true)).toBe("svc-4");
    expect(regexRequiredText("svc-4[0-9]'", false)).toBe("-4");
    expect(regexRequiredText("Query_ID=\\d+ killed", false)).toBe("_");
    expect(regexRequiredText("error", false)).toBe("");
  });
});
