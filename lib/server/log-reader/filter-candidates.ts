import "server-only";
import type { Severity } from "@/lib/schemas/log-time";
import { compileSearch } from "./search-query";
import type { LineQuery } from "./search-scan";

/**
 * Words every line stating these severities contains, in every format we read (MySQL/MariaDB
 * `[Warning]`/`[ERROR]`, PostgreSQL `WARNING:`/`ERROR:`/`FATAL:`/`PANIC:`, oslo `WARNING`/`ERROR`/
 * `CRITICAL`). Only a pre-filter for the workers: lib/log-format decides each candidate's severity.
 */
const WORDS: Partial<Record<Severity, string[]>> = {
  warning: ["warn"],
  error: ["err"],
  critical: ["crit", "fatal", "panic", "emerg", "alert"],
};

/** Every line is a candidate (the lower severities are often implied by a format, not written). */
const EVERY_LINE: LineQuery = { source: "^", caseSensitive: true };

/**
 * The lines the workers look for: the text query when there is one (entries must contain it), else
 * lines that may state one of `levels`.
 */
export function candidateQuery(
  text: { query: string; regex: boolean; caseSensitive: boolean } | null,
  levels: readonly Severity[],
): LineQuery {
  if (text) return compileSearch({ ...text, limit: 1 });
  const words = levels.map((level) => WORDS[level]);
  if (words.some((list) => list === undefined)) return EVERY_LINE;
  return { source: words.flat().join("|"), caseSensitive: false, withinLine: true };
}
