import "server-only";
import RE2 from "re2";
import type { LineQuery } from "./search-scan";

export interface SearchRequest {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
  limit: number;
}

/** The query is one the search cannot run; the message says why and what to do instead. */
export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchQueryError";
  }
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The most copies counted repetitions may make of any part of a pattern (nested counts multiply).
 * RE2 stays linear, but tracks each copy at every character: `(\w+\s?){1000}x` scans ~4 KB/s, and a
 * worker cannot be stopped inside one such call. At 100 the slowest shapes still scan ~200 KB/s.
 */
const REPEAT_LIMIT = 100;
const REPEAT_ADVICE =
  `Counted repetitions are limited to ${REPEAT_LIMIT} copies in all (nested counts multiply): larger ` +
  "counts make the search crawl on long lines. Use +, * or a smaller count.";

/** RE2's refusals that people meet, in plain words, with what to write instead. */
const EXPLAINED: Array<[RegExp, string]> = [
  [
    /invalid escape sequence: \\([1-9k])/,
    "Backreferences (\\1, \\k<name>) are not supported: the search engine runs in time proportional " +
      "to the log's size and cannot remember what an earlier group matched. Search for the repeated " +
      "text itself instead.",
  ],
  [
    /invalid (perl operator|or unsupported Perl syntax): \(\?<?[=!]/,
    "Lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported. Match the " +
      "surrounding text as part of the pattern instead, or search for it separately.",
  ],
  [/invalid repetition size/, REPEAT_ADVICE],
  [
    /bad repetition operator: [+*?]\+|bad repetition operator: \}\+/,
    "Possessive quantifiers (a++, a*+) are not supported. Use a plain quantifier (a+, a*).",
  ],
  [
    /pattern too large/,
    "This pattern expands to too many states to run (nested counted repetitions multiply). " +
      "Use smaller counts, or + and *.",
  ],
];

/** Why RE2 refuses the pattern, in words a person can act on (RE2's own reason kept at the end). */
function explain(reason: string): string {
  const plain = EXPLAINED.find(([pattern]) => pattern.test(reason))?.[1];
  return plain
    ? `This regular expression cannot be searched. ${plain} (RE2: ${reason})`
    : `Invalid regular expression: ${reason}. Regular expressions follow RE2's syntax (as in grep -E ` +
        `or Go); backreferences and lookaround are not available.`;
}

/** Where an escape ends: `\p{Greek}`, `\x{263a}`, `\u{1F600}` and `\Q…\E` span more than one character. */
function escapeEnd(source: string, at: number): number {
  const next = source[at + 1];
  if (next === "Q") {
    const end = source.indexOf("\\E", at + 2);
    return end === -1 ? source.length : end + 2;
  }
  if ("pPxu".includes(next ?? "") && source[at + 2] === "{") {
    const end = source.indexOf("}", at + 3);
    return end === -1 ? source.length : end + 1;
  }
  return at + 2;
}

/** Where a character class `[…]` ends (a first `]` is literal; `[:alpha:]` and escapes inside). */
function classEnd(source: string, at: number): number {
  let i = at + 1;
  if (source[i] === "^") i += 1;
  if (source[i] === "]") i += 1;
  while (i < source.length && source[i] !== "]") {
    if (source[i] === "\\") i = escapeEnd(source, i);
    else if (source.startsWith("[:", i)) i = Math.max(i + 2, source.indexOf(":]", i + 2) + 2);
    else i += 1;
  }
  return i + 1;
}

/** The most copies counted repetitions ({n}, {n,m}, {n,}) make of any part of `source`, nesting multiplied. */
export function repeatedCopies(source: string): number {
  const outer: number[] = []; // the enclosing groups' largest products so far
  let group = 1; // largest product inside the current group
  let atom = 1; // copies inside the last atom (a group's largest product, 1 for anything else)
  for (let i = 0; i < source.length;) {
    const char = source[i];
    const count = char === "{" ? /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i)) : null;
    if (count) {
      atom *= Math.max(Number(count[1]), Number(count[2] || 0));
      group = Math.max(group, atom);
      i += count[0].length;
      continue;
    }
    if (char === "(") outer.push(group);
    if (char === ")") [atom, group] = [group, Math.max(outer.pop() ?? 1, group)];
    else atom = 1;
    if (char === "(") group = 1;
    i = char === "\\" ? escapeEnd(source, i) : char === "[" ? classEnd(source, i) : i + 1;
  }
  return Math.max(group, ...outer);
}

/** Runs of ASCII characters that have no case (digits, punctuation, space, tab). */
const CASELESS_RUNS = /[\t\x20-\x40\x5b-\x60\x7b-\x7e]+/g;

/** The longest run of `text` that a case-insensitive match contains byte for byte. */
function longestCaselessRun(text: string): string {
  return (text.match(CASELESS_RUNS) ?? []).reduce(
    (longest, run) => (run.length > longest.length ? run : longest),
    "",
  );
}

/**
 * What the workers get for a query, checked here first: a pattern RE2 refuses (broken, or one that
 * needs backtracking) is the caller's mistake, reported before any reading. RE2 runs in time linear
 * in the text, so no accepted pattern can hold a worker for long.
 */
export function compileSearch(request: SearchRequest): LineQuery {
  const source = request.regex ? request.query : escapeRegex(request.query);
  try {
    // Only to check it: the workers compile their own copy (an RE2 object cannot cross threads).
    new RE2(source, request.caseSensitive ? "mu" : "imu");
  } catch (error) {
    throw new SearchQueryError(explain((error as Error).message));
  }
  const copies = request.regex ? repeatedCopies(source) : 1;
  if (copies > REPEAT_LIMIT) {
    throw new SearchQueryError(
      `This regular expression cannot be searched. ${REPEAT_ADVICE} (This one makes ${copies}.)`,
    );
  }
  const oneLine = !request.regex && !/[\r\n]/.test(request.query);
  // Any case: text without letters is its own bytes; otherwise its longest caseless run (≥ 2
  // characters) finds the candidate lines (RE2's case-insensitive search is several times slower).
  const caseless = oneLine && !request.caseSensitive ? longestCaselessRun(request.query) : "";
  const literal = oneLine && (request.caseSensitive || caseless === request.query);
  return {
    source,
    caseSensitive: request.caseSensitive,
    ...(literal ? { literal: request.query } : {}),
    ...(!literal && caseless.length >= 2 ? { caseless } : {}),
    ...(oneLine ? { withinLine: true } : {}),
  };
}
