import "server-only";
import RE2 from "re2";
import { classEnd, COUNTED_REPEAT, escapeEnd } from "./regex-syntax";
import { regexRequiredText } from "./required-text";
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

/** The most copies counted repetitions ({n}, {n,m}, {n,}) make of any part of `source`, nesting multiplied. */
export function repeatedCopies(source: string): number {
  const outer: number[] = []; // the enclosing groups' largest products so far
  let group = 1; // largest product inside the current group
  let atom = 1; // copies inside the last atom (a group's largest product, 1 for anything else)
  for (let i = 0; i < source.length;) {
    const char = source[i];
    const count = char === "{" ? COUNTED_REPEAT.exec(source.slice(i)) : null;
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
  // Candidate lines hold the longest text every match holds (≥ 2 characters): in any case only its
  // characters without case, as RE2's case-insensitive search is several times slower than a byte
  // search. Plain text that is all such text (any text when case matters) is searched as bytes alone.
  const required = regexRequiredText(source, request.caseSensitive);
  const literal = oneLine && required === request.query;
  return {
    source,
    caseSensitive: request.caseSensitive,
    ...(literal ? { literal: request.query } : {}),
    ...(!literal && required.length >= 2 ? { required } : {}),
    ...(oneLine ? { withinLine: true } : {}),
  };
}
