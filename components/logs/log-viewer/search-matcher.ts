/**
 * Builds the RE2 matcher that paints search matches. Kept apart from processing.ts so re2js (~260 KB)
 * is loaded only when someone searches (use-search-matcher.ts imports this lazily).
 */
import { RE2JS } from "re2js";
import type { SearchMatcher, SearchSpec } from "./processing";

/** The pattern that paints search matches in visible lines; null when there is nothing (valid) to find. */
export function buildMatcher(spec: SearchSpec | null): SearchMatcher | null {
  if (!spec || !spec.q) return null;
  try {
    // The server's RE2 takes JavaScript's escapes (\u00e9, \cJ, (?<name>…)) too: translated the same way.
    const source = spec.regex ? RE2JS.translateRegExp(spec.q) : RE2JS.quote(spec.q);
    return RE2JS.compile(source, spec.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch {
    return null;
  }
}
