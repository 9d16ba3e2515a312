/**
 * Pure helpers of the log viewer for painting a line: severity words, slow-query headers, search
 * matches. No React, no fetching (tested in processing.test.ts; the window arithmetic is line-window.ts).
 */

import type { RE2JS } from "re2js";

export type Severity = "error" | "warn" | "info";

/** A run of a line's text with how to paint it. */
export interface Segment {
  text: string;
  severity?: Severity;
  match?: boolean;
}

interface Range {
  start: number;
  end: number;
}

// Upper-case level words (PostgreSQL, oslo.log, MySQL 8) and MySQL/MariaDB's bracketed "[Warning]" forms.
const SEVERITY_PATTERN =
  /\b(ERROR|FATAL|PANIC|CRITICAL|WARNING|WARN|NOTE|INFO|LOG|DEBUG)\b|\[(Error|Warning|Note|System)\]/g;

const SEVERITY_OF: Record<string, Severity> = {
  ERROR: "error",
  FATAL: "error",
  PANIC: "error",
  CRITICAL: "error",
  WARNING: "warn",
  WARN: "warn",
  NOTE: "info",
  INFO: "info",
  LOG: "info",
  DEBUG: "info",
  SYSTEM: "info",
};

/** Where severity words sit in a line (whole words only: "ERRORS" or "error_count" are not severities). */
export function severityRanges(text: string): Array<Range & { severity: Severity }> {
  const ranges: Array<Range & { severity: Severity }> = [];
  for (const found of text.matchAll(SEVERITY_PATTERN)) {
    const word = (found[1] ?? found[2] ?? "").toUpperCase();
    const severity = SEVERITY_OF[word];
    if (severity) ranges.push({ start: found.index, end: found.index + found[0].length, severity });
  }
  return ranges;
}

const SLOW_QUERY_HEADER = /^# (Time|User@Host|Query_time|Thread_id|Rows_affected):/;

/** MySQL/MariaDB slow-query log entry headers (`# Time:`, `# User@Host:`, `# Query_time:` …). */
export const isSlowQueryHeader = (text: string): boolean => SLOW_QUERY_HEADER.test(text);

export interface SearchSpec {
  q: string;
  regex: boolean;
  caseSensitive: boolean;
}

/**
 * What paints search matches: RE2 (a JavaScript port), the engine the server searches with — the same
 * syntax and meaning (a pattern the server refuses paints nothing), and linear time, so no pattern can
 * freeze the page on a long line the way a backtracking RegExp can.
 */
export type SearchMatcher = RE2JS;

/** Where the matcher matches, at most `max` times; empty matches are skipped. */
export function matchRanges(text: string, matcher: SearchMatcher | null, max = 200): Range[] {
  if (!matcher) return [];
  const ranges: Range[] = [];
  const found = matcher.matcher(text);
  while (ranges.length < max && found.find()) {
    if (found.end() > found.start()) ranges.push({ start: found.start(), end: found.end() });
  }
  return ranges;
}

/** Splits a line into segments where severity words and search matches start and stop. */
export function segmentLine(text: string, matcher: SearchMatcher | null): Segment[] {
  const severities = severityRanges(text);
  const matches = matchRanges(text, matcher);
  if (severities.length === 0 && matches.length === 0) return [{ text }];
  const cuts = new Set<number>([0, text.length]);
  for (const range of [...severities, ...matches]) cuts.add(range.start).add(range.end);
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const segment: Segment = { text: text.slice(start, end) };
    const severity = severities.find((range) => range.start <= start && end <= range.end);
    if (severity) segment.severity = severity.severity;
    if (matches.some((range) => range.start <= start && end <= range.end)) segment.match = true;
    segments.push(segment);
  }
  return segments;
}

/** Very long lines are cut for display (the full text stays available via download / last N lines). */
export function displayText(text: string, max: number): { text: string; hidden: number } {
  if (text.length <= max) return { text, hidden: 0 };
  return { text: text.slice(0, max), hidden: text.length - max };
}

/**
 * The match to go to next (direction 1) or previous (-1), as an index into `lines` (sorted line
 * numbers of the matches). Without a current match it starts from `fromLine` (the top visible line);
 * both ends wrap around.
 */
export function stepMatch(
  lines: readonly number[],
  current: number | null,
  fromLine: number,
  direction: 1 | -1,
): number | null {
  if (lines.length === 0) return null;
  if (current !== null && current >= 0 && current < lines.length)
    return (current + direction + lines.length) % lines.length;
  // First index whose line is >= fromLine (binary search).
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((lines[mid] as number) < fromLine) low = mid + 1;
    else high = mid;
  }
  if (direction === 1) return low < lines.length ? low : 0;
  const atOrBefore = lines[low] === fromLine ? low : low - 1;
  return atOrBefore >= 0 ? atOrBefore : lines.length - 1;
}

export interface MatchSummary {
  status: "idle" | "searching" | "done" | "error";
  /** Matches received (at most the server's limit). */
  found: number;
  /** Matches counted on the whole log (known when done). */
  total: number | null;
  truncated: boolean;
  /** Index of the current match in the received ones. */
  current: number | null;
}

const count = (value: number) => value.toLocaleString("en-US");

/** "12 of 340", "12 of 34,567 (first 10,000 shown)", "340…" while scanning, "No matches". */
export function matchCountLabel(summary: MatchSummary): string {
  const { status, found, total, truncated, current } = summary;
  if (status === "idle" || status === "error") return "";
  if (status === "searching" && found === 0) return "Searching…";
  if (status === "done" && found === 0) return "No matches";
  const all = status === "done" ? (total ?? found) : found;
  const more = status === "searching" ? "…" : truncated && all <= found ? "+" : "";
  const allText = `${count(all)}${more}`;
  if (status === "searching" && current === null) return `${count(found)} so far…`;
  const position =
    current === null
      ? `${allText} ${all === 1 && !more ? "match" : "matches"}`
      : `${count(current + 1)} of ${allText}`;
  return status === "done" && truncated ? `${position} (first ${count(found)} shown)` : position;
}
