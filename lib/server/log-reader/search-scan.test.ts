import { isUtf8 } from "node:buffer";
import RE2 from "re2";
import { describe, expect, it } from "vitest";
import { createLineScanner } from "./search-scan";
import { compileSearch } from "./search-query";

const scan = createLineScanner(RE2, isUtf8);

interface Options {
  regex?: boolean;
  caseSensitive?: boolean;
  maxFound?: number;
  partial?: boolean;
}

/** Scans `content` as one piece; the matching lines (0-based) and their texts. */
function scanText(content: string | Buffer, query: string, options: Options = {}) {
  const { regex = true, caseSensitive = false, maxFound = 1000, partial = false } = options;
  const bytes = Buffer.from(content); // a copy, as the search hands each piece over
  const compiled = compileSearch({ query, regex, caseSensitive, limit: 1 });
  const { result, bytes: shown } = scan({ query: compiled, bytes, partial, maxFound });
  return {
    ...result,
    lineNumbers: result.found.map((found) => found.line),
    texts: result.found.map((found) => shown.subarray(found.start, found.end).toString("utf8")),
  };
}

/** What grep would say: the pattern tried on each line alone (its CR dropped), with the same engine. */
function linesMatching(content: string, query: string, flags = "imu") {
  const pattern = new RE2(query, flags);
  const lines = content.split("\n");
  if (content.endsWith("\n")) lines.pop();
  return lines.flatMap((line, index) => (pattern.test(Buffer.from(line.replace(/\r$/, ""))) ? [index] : []));
}

describe("line scanner", () => {
  it("reports each matching line once, by its index, without its line end", () => {
    const found = scanText("a a a\nb\nxa\n", "a");
    expect(found).toMatchObject({ lines: 3, matched: 2, firstLineMatched: true, lineNumbers: [0, 2] });
    expect(found.texts).toEqual(["a a a", "xa"]);
  });

  it("anchors ^ and $ at line ends, \\A and \\z too (a line is searched alone)", () => {
    const text = "foo bar\nbar foo\nfoo\n";
    expect(scanText(text, "^foo").lineNumbers).toEqual([0, 2]);
    expect(scanText(text, "foo$").lineNumbers).toEqual([1, 2]);
    expect(scanText(text, "\\Afoo").lineNumbers).toEqual([0, 2]);
    expect(scanText(text, "foo\\z").lineNumbers).toEqual([1, 2]);
    expect(scanText(text, "(?-m)^bar").lineNumbers).toEqual([1]);
    expect(scanText("\n\nx\n\n", "^$").lineNumbers).toEqual([0, 1, 3]);
  });

  it("never matches across a line end, even with patterns that can match one", () => {
    expect(scanText("abc\ndef\n", "c\\sd").matched).toBe(0);
    expect(scanText("abc\ndef\n", "(?s)c.*d").matched).toBe(0);
    expect(scanText("abc\ndef\n", "c[^x]d").matched).toBe(0);
    // A greedy class that could run to the end of the piece still finds each line once.
    const many = Array.from({ length: 50 }, (_, i) => `line ${i}\n`).join("");
    expect(scanText(many, "e[^x]*").matched).toBe(50);
  });

  it("handles CRLF lines: $ before the CR, the CR not part of the text", () => {
    const found = scanText("foo\r\nbar foo\r\nbaz\r\n", "foo$");
    expect(found.lineNumbers).toEqual([0, 1]);
    expect(found.texts).toEqual(["foo", "bar foo"]);
    expect(scanText("foo\r\nfoo\r\n", "foo", { regex: false, caseSensitive: true }).texts).toEqual([
      "foo",
      "foo",
    ]);
  });

  it("searches lines with invalid UTF-8 as the viewer shows them (U+FFFD for the bad bytes)", () => {
    const content = Buffer.concat([
      Buffer.from("ok\n"),
      Buffer.from([0xff, 0xfe, 0x20]),
      Buffer.from("ERROR after bad bytes\n"),
      Buffer.from([0xc3]),
      Buffer.from("\ncafé\n"),
    ]);
    expect(scanText(content, "error after").lineNumbers).toEqual([1]);
    expect(scanText(content, "ERROR", { regex: false, caseSensitive: true }).lineNumbers).toEqual([1]);
    expect(scanText(content, "CAFÉ").lineNumbers).toEqual([3]);
    expect(scanText(content, "^.+$").lineNumbers).toEqual([0, 1, 2, 3]);
    expect(scanText(content, "\uFFFD\uFFFD ERROR").texts).toEqual(["\uFFFD\uFFFD ERROR after bad bytes"]);
  });

  it("counts a last line without a line end, and an empty match at its end", () => {
    expect(scanText("a\nb", "b")).toMatchObject({ lines: 1, lineNumbers: [1] });
    expect(scanText("a\nb", "$")).toMatchObject({ lines: 1, lineNumbers: [0, 1] });
    expect(scanText("a\n", "$")).toMatchObject({ lines: 1, lineNumbers: [0] });
  });

  it("case-insensitive unless asked, literal text taken literally", () => {
    expect(scanText("Error\nerror\nERROR\n", "error").matched).toBe(3);
    expect(scanText("Error\nerror\nERROR\n", "error", { caseSensitive: true }).lineNumbers).toEqual([1]);
    expect(scanText("a.b\naxb\n", "a.b", { regex: false }).lineNumbers).toEqual([0]);
    expect(scanText("(x)\n", "(x)", { regex: false, caseSensitive: true }).lineNumbers).toEqual([0]);
  });

  it("any case: lines found by the text's caseless bytes still match it whole, Unicode case folding included", () => {
    const text = "id=42 SVC ok\nid=42 svc\nid=42 cvs\nid = 42 svc\nID=42 ſvc\nid=42\n";
    const found = scanText(text, "id=42 svc", { regex: false });
    expect(found.lineNumbers).toEqual(linesMatching(text, "id=42 svc"));
    expect(found.texts).toEqual(["id=42 SVC ok", "id=42 svc", "ID=42 ſvc"]); // ſ folds to s, as in RE2
    expect(found.lines).toBe(6);
    // Without letters, any case is the bytes themselves.
    expect(
      scanText("a 10.0.0.7:3306\nb 10.0.0.7:3307\n", "10.0.0.7:3306", { regex: false }).lineNumbers,
    ).toEqual([0]);
  });

  it("counts every matching line but locates only maxFound", () => {
    const found = scanText("x\n".repeat(1000), "x", { maxFound: 3 });
    expect(found).toMatchObject({ lines: 1000, matched: 1000, lineNumbers: [0, 1, 2] });
  });

  it("matches a piece of a giant line as one text", () => {
    const piece = "a".repeat(10_000) + "needle" + "b".repeat(100);
    expect(scanText(piece, "needle", { partial: true })).toMatchObject({
      lines: 0,
      matched: 1,
      firstLineMatched: true,
    });
    expect(scanText(piece, "nope", { partial: true }).matched).toBe(0);
  });

  it("agrees with a line-by-line search over many windows, sparse and dense hits, CR or not", () => {
    const lines = Array.from({ length: 6000 }, (_, i) => {
      const level = i % 97 === 0 ? "ERROR" : i % 5 === 0 ? "warn" : "note";
      return `${i} [${level}] query ${i * 7} took ${i % 1000} ms${i % 1500 === 0 ? "\r" : ""}`;
    });
    const content = `${lines.join("\n")}\n`;
    const patterns = [
      "error",
      "took 99\\d ms$",
      "^\\d+ \\[warn\\]",
      "query \\d*7 ",
      "[^x]*",
      "ms\\s+\\d",
      "\\bERROR\\b",
      // Patterns whose candidate lines are found by a text all their matches hold.
      "query 9?7 took",
      "\\[warn\\] query",
      "took 1+0 ms",
      "query 7{2,}",
      "(?i)QUERY 7",
      "ms$|^0 ",
      "0 ms\\r?$",
    ];
    const plainTexts = ["[error]", "[ERROR] query 97", "took 99", "0 ms", "QUERY 7"];
    for (const query of plainTexts) {
      const found = scanText(content, query, { regex: false, maxFound: 10_000 });
      const expected = linesMatching(content, query.replace(/[[\]]/g, "\\$&"));
      expect({ query, lines: found.lineNumbers }).toEqual({ query, lines: expected });
    }
    for (const pattern of patterns) {
      const found = scanText(content, pattern, { maxFound: 10_000 });
      const expected = linesMatching(content, pattern);
      expect({ pattern, lines: found.lineNumbers }).toEqual({ pattern, lines: expected });
      expect(found.matched).toBe(expected.length);
      expect(found.lines).toBe(6000);
    }
    for (const pattern of ["QUERY 7", "Query 7{2}", "\\[ERROR\\] query 9?7", "(?i)QUERY 7"]) {
      const found = scanText(content, pattern, { caseSensitive: true, maxFound: 10_000 });
      const expected = linesMatching(content, pattern, "mu");
      expect({ pattern, lines: found.lineNumbers }).toEqual({ pattern, lines: expected });
    }
  });

  it("finds the same lines as RE2 alone for random patterns, whatever text it takes as required", () => {
    // Plain characters (letters RE2 folds: K, k, ſ), and syntax that must end or void a required run.
    const tokens = [
      ..."ab-4' AKkſ😀",
      ..."ab-4 ",
      ...["?", "*", "+", "+?", "{2}", "{0,1}", "{,2}", "{2,}", "}", "]", "(", ")", "|", ".", "^", "$"],
      ...["[ab]", "\\.", "\\-", "\\d", "\\b", "\\x41", "\\x{41}", "\\101", "\\pL", "\\PN", "\\Qa-\\E"],
      ...["(?i)", "(?:a|b)"],
    ];
    let seed = 12345; // mulberry32: the same patterns every run
    const pick = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const alphabet = [..."ab-4' c.AKkſ😀\r"];
    const lines = Array.from({ length: 300 }, () =>
      Array.from({ length: pick(20) }, () => alphabet[pick(alphabet.length)]).join(""),
    );
    const content = `${lines.join("\n")}\n`;
    let withRequired = 0;
    for (let n = 0; n < 1500; n += 1) {
      const pattern = Array.from({ length: 1 + pick(8) }, () => tokens[pick(tokens.length)]).join("");
      for (const caseSensitive of [false, true]) {
        let required: string | undefined;
        try {
          required = compileSearch({ query: pattern, regex: true, caseSensitive, limit: 1 }).required;
        } catch {
          continue; // RE2 refuses it
        }
        if (required) withRequired += 1;
        const found = scanText(content, pattern, { caseSensitive, maxFound: 10_000 });
        const expected = linesMatching(content, pattern, caseSensitive ? "mu" : "imu");
        expect({ pattern, caseSensitive, lines: found.lineNumbers }).toEqual({
          pattern,
          caseSensitive,
          lines: expected,
        });
      }
    }
    expect(withRequired).toBeGreaterThan(50); // the required-text path was taken
  });
});
