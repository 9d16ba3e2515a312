import "server-only";
import safeRegex from "safe-regex2";
import type { LogSearchEvent } from "@/lib/schemas/log-view";
import { listLogObjects, streamSegments, type PublishedLog } from "./published-log";
import { WHOLE_LOG_READ_AHEAD } from "./read-ahead";

export interface SearchRequest {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
  limit: number;
}

const MAX_MATCH_TEXT = 2000;
const PROGRESS_EVERY = 32 * 1024 * 1024;
const MAX_CARRY = 1024 * 1024;
/** Kept from a scanned piece of a giant line so a match across the cut is still found. */
const OVERLAP = 4096;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Compiles the query; a bad regular expression is the caller's mistake, reported before any reading.
 * So is one with nested repetition (`(a+)+`, `(.*x){9}`): backtracking can take exponential time on a
 * long line and would hold the server for every tenant. safe-regex2's star-height check is a heuristic
 * (it lets `(a|aa)+` through), but it refuses the classic catastrophic shapes.
 */
export function compileSearch(request: SearchRequest): RegExp {
  const source = request.regex ? request.query : escapeRegex(request.query);
  let pattern: RegExp;
  try {
    // m: ^ and $ anchor at line ends, as people expect from grep.
    pattern = new RegExp(source, request.caseSensitive ? "gmu" : "gimu");
  } catch (error) {
    throw new SyntaxError(
      `Invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, "")}`,
    );
  }
  if (request.regex && !safeRegex(pattern)) {
    throw new SyntaxError(
      "This regular expression repeats a group that itself repeats (like (a+)+), which can take " +
        "exponential time on a long line. Rewrite it without the nested repetition.",
    );
  }
  return pattern;
}

/** Finds matching lines in a block of whole lines; calls `found` with (line offset within the block, line text). */
function matchLines(text: string, pattern: RegExp, found: (lineInBlock: number, line: string) => void) {
  pattern.lastIndex = 0;
  let counted = 0; // line ends counted up to `countedAt`
  let countedAt = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const lineStart = text.lastIndexOf("\n", match.index - 1) + 1;
    const newline = text.indexOf("\n", match.index);
    const lineEnd = newline === -1 ? text.length : newline;
    for (let at = text.indexOf("\n", countedAt); at !== -1 && at < lineStart; at = text.indexOf("\n", at + 1))
      counted += 1;
    countedAt = lineStart;
    found(counted, text.slice(lineStart, lineEnd).replace(/\r$/, ""));
    pattern.lastIndex = lineEnd + 1; // one hit per line
    if (match[0].length === 0 && lineEnd >= text.length) break;
  }
}

/**
 * Scans the whole published log once, streaming (never more than an object and a partial line in
 * memory), and yields match / progress / done events. Every match is counted; `limit` are sent.
 */
export async function* searchLog(log: PublishedLog, request: SearchRequest): AsyncGenerator<LogSearchEvent> {
  const pattern = compileSearch(request);
  const objects = await listLogObjects(log);
  const size = objects.reduce((sum, object) => sum + object.bytes, 0);
  const segments = objects.map((object) => ({ name: object.name, start: 0, bytes: object.bytes }));
  let total = 0;
  let scanned = 0;
  let nextProgress = PROGRESS_EVERY;
  let lineNumber = 1; // of the first line in `carry`
  let carry = Buffer.alloc(0);
  let reportedLine = 0; // a giant line is scanned in pieces but reported once
  const events: LogSearchEvent[] = [];
  const scan = (block: Buffer) => {
    const text = block.toString("utf8");
    matchLines(text, pattern, (lineInBlock, line) => {
      if (lineNumber + lineInBlock === reportedLine) return;
      reportedLine = lineNumber + lineInBlock;
      total += 1;
      if (total <= request.limit) {
        events.push({ type: "match", line: lineNumber + lineInBlock, text: line.slice(0, MAX_MATCH_TEXT) });
      }
    });
    for (let at = block.indexOf(0x0a); at !== -1; at = block.indexOf(0x0a, at + 1)) lineNumber += 1;
  };
  for await (const chunk of streamSegments(log, segments, WHOLE_LOG_READ_AHEAD)) {
    scanned += chunk.byteLength;
    const bytes = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
    const lastNewline = bytes.lastIndexOf(0x0a);
    if (lastNewline === -1) {
      // No line end yet: keep the line's tail, but scan a giant line piecewise instead of growing it.
      if (bytes.length > MAX_CARRY) {
        scan(bytes);
        carry = Buffer.from(bytes.subarray(bytes.length - OVERLAP));
      } else carry = bytes;
      continue;
    }
    scan(bytes.subarray(0, lastNewline + 1));
    carry = Buffer.from(bytes.subarray(lastNewline + 1));
    if (scanned >= nextProgress) {
      events.push({ type: "progress", scanned, size });
      nextProgress += PROGRESS_EVERY;
    }
    if (events.length) yield* events.splice(0);
  }
  if (carry.length) scan(carry);
  yield* events.splice(0);
  yield { type: "done", total, truncated: total > request.limit, scanned };
}
