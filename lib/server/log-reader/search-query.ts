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
  [
    /invalid repetition size/,
    "Counted repetitions are limited to {1000}. Use + or * instead of a larger count.",
  ],
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
  const literal = !request.regex && request.caseSensitive && !/[\r\n]/.test(request.query);
  return { source, caseSensitive: request.caseSensitive, ...(literal ? { literal: request.query } : {}) };
}
