import { classEnd, COUNTED_REPEAT, escapeEnd } from "./regex-syntax";

/** Runs of ASCII characters that have no case (digits, punctuation, space, tab). */
const CASELESS_RUNS = /[\t\x20-\x40\x5b-\x60\x7b-\x7e]+/g;

const longest = (texts: string[]) =>
  texts.reduce((best, text) => (text.length > best.length ? text : best), "");

/** The longest run of `text` that a case-insensitive match contains byte for byte. */
function longestCaselessRun(text: string): string {
  return longest(text.match(CASELESS_RUNS) ?? []);
}

/** Characters that mean something in a pattern outside a class (and line ends, which no line holds). */
const SPECIAL = new Set([..."\\.+*?()[]{}|^$\r\n"]);
/** An escaped character that stands for itself: ASCII punctuation (`\.`, `\[`, `\-`). */
const ESCAPED_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
/** Flags set inside the pattern (`(?i)`, `(?-m:…)`) change what its text matches: such patterns give none. */
const INLINE_FLAGS = /\(\?[imsU-]+[:)]/;

/**
 * Texts every match of the RE2 pattern `source` contains as they are: the runs of plain characters at
 * the pattern's top level, each cut where a quantifier may drop or repeat the character before it.
 * Nothing inside groups or classes, nothing when the top level has an alternative (`a|b`). Missing a
 * run only makes a search slower; claiming a text a match may lack would lose lines, so every doubt
 * ends a run.
 */
export function literalRuns(source: string): string[] {
  if (INLINE_FLAGS.test(source)) return [];
  const runs: string[] = [];
  let run: string[] = [];
  let depth = 0;
  let afterLiteral = false;
  const endRun = () => {
    if (run.length > 0) runs.push(run.join(""));
    run = [];
    afterLiteral = false;
  };
  for (let i = 0; i < source.length;) {
    const char = String.fromCodePoint(source.codePointAt(i) ?? 0);
    let next = i + char.length;
    let literal: string | undefined;
    if (char === "\\") {
      next = escapeEnd(source, i);
      const escaped = source.slice(i + 1, next);
      if (ESCAPED_PUNCTUATION.test(escaped)) literal = escaped;
    } else if (char === "[") next = classEnd(source, i);
    else if (char === "(") depth += 1;
    else if (char === ")") depth = Math.max(0, depth - 1);
    else if (char === "|" && depth === 0) return [];
    else if (char === "?" || char === "*" || char === "{") {
      // The character before may be absent. (After `+` it stays, but what follows is not next to it.)
      if (afterLiteral) run.pop();
      const count = char === "{" ? COUNTED_REPEAT.exec(source.slice(i)) : null;
      if (count) next = i + count[0].length;
    } else if (!SPECIAL.has(char)) literal = char;
    if (literal !== undefined && depth === 0) {
      run.push(literal);
      afterLiteral = true;
    } else endRun();
    i = next;
  }
  endRun();
  return runs;
}

/**
 * The longest text every match of a regular expression holds byte for byte ("" when none is known):
 * any run of it when case matters, otherwise only characters without case (RE2 folds `s` to `ſ` and
 * `k` to the Kelvin sign, so no letter is safe).
 */
export function regexRequiredText(source: string, caseSensitive: boolean): string {
  const runs = literalRuns(source);
  return longest(caseSensitive ? runs : runs.map(longestCaselessRun));
}
