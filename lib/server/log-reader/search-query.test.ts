import { describe, expect, it } from "vitest";
import { compileSearch, repeatedCopies, SearchQueryError } from "./search-query";

const regex = (query: string) => compileSearch({ query, regex: true, caseSensitive: false, limit: 1 });

describe("search queries", () => {
  it("counts the copies counted repetitions make, nesting multiplied", () => {
    expect(repeatedCopies("error")).toBe(1);
    expect(repeatedCopies("a{50}")).toBe(50);
    expect(repeatedCopies("a{3,}")).toBe(3);
    expect(repeatedCopies("a{2,200}")).toBe(200);
    expect(repeatedCopies("(a{10}){10}")).toBe(100);
    expect(repeatedCopies("((a{2}){3}b){4}")).toBe(24);
    expect(repeatedCopies("(a|b{50}){3}c{7}")).toBe(150);
    expect(repeatedCopies("(?:x{4})(y{5})")).toBe(5);
    // Braces that are no counts: escaped, in a class, in \p{…} / \x{…}, or not digits.
    expect(repeatedCopies("\\{500}")).toBe(1);
    expect(repeatedCopies("[{]{5}")).toBe(5);
    expect(repeatedCopies("[]{]{6}")).toBe(6);
    expect(repeatedCopies("\\p{Greek}{20}\\x{263a}")).toBe(20);
    expect(repeatedCopies("{foo}")).toBe(1);
  });

  it("refuses repetitions that would make a search crawl, saying how to write them", () => {
    expect(() => regex("(\\w+\\s?){1000}x")).toThrow(SearchQueryError);
    expect(() => regex("(\\w+\\s?){1000}x")).toThrow(/limited to 100 copies in all.*This one makes 1000/);
    expect(() => regex("a{1001}")).toThrow(/limited to 100 copies in all.*RE2: invalid repetition size/);
    expect(() => regex("(x{20}){20}")).toThrow(/limited to 100 copies in all .* \(This one makes 400\.\)/);
    expect(regex("\\d{4}-\\d{2}-\\d{2}(x{10}){10}").source).toContain("{10}");
  });

  it("searches plain text as it is: case-sensitive text without line ends by bytes, any text within a line", () => {
    expect(compileSearch({ query: "a.b(", regex: false, caseSensitive: true, limit: 1 })).toEqual({
      source: "a\\.b\\(",
      caseSensitive: true,
      literal: "a.b(",
      withinLine: true,
    });
    expect(compileSearch({ query: "a{500}", regex: false, caseSensitive: false, limit: 1 })).toEqual({
      source: "a\\{500\\}",
      caseSensitive: false,
      required: "{500}",
      withinLine: true,
    });
    expect(regex("a\\sb").withinLine).toBeUndefined(); // \s also matches a line end
  });

  it("finds any-case text by its longest run without letters, and text without letters by its bytes", () => {
    const plain = (query: string) => {
      const { literal, required } = compileSearch({ query, regex: false, caseSensitive: false, limit: 1 });
      return { literal, required };
    };
    expect(plain("Query_ID=4711 done")).toEqual({ literal: undefined, required: "=4711 " });
    expect(plain("a-b")).toEqual({ literal: undefined, required: undefined }); // one character: too many lines
    expect(plain("svc-42' ok")).toEqual({ literal: undefined, required: "-42' " });
    expect(plain("10.0.0.7:3306")).toEqual({ literal: "10.0.0.7:3306", required: undefined });
    expect(plain("error")).toEqual({ literal: undefined, required: undefined }); // RE2 alone
    expect(plain("é-1")).toEqual({ literal: undefined, required: "-1" }); // a non-ASCII letter has case
  });

  it("finds a regular expression's candidate lines by a text all its matches hold", () => {
    expect(regex("svc-4[0-9]'").required).toBe("-4");
    expect(compileSearch({ query: "svc-4[0-9]'", regex: true, caseSensitive: true, limit: 1 }).required).toBe(
      "svc-4",
    );
    expect(regex("error|warn").required).toBeUndefined();
    expect(regex("\\d+'").required).toBeUndefined(); // one character finds too many lines
  });
});
