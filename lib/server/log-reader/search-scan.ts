import type RE2 from "re2";

/** A compiled search as the workers receive it (see compileSearch). */
export interface LineQuery {
  /** RE2 source; a literal query arrives escaped. */
  source: string;
  caseSensitive: boolean;
  /** A case-sensitive literal without line ends: found with a plain byte search. */
  literal?: string;
  /**
   * Bytes every match contains as they are (a case-insensitive literal's longest run of characters that
   * have no case: digits, punctuation; a text a regular expression's matches all hold): candidate lines
   * are found with a plain byte search, then tested.
   */
  required?: string;
  /** Every match lies within one line (literals without line ends): a hit needs no second test. */
  withinLine?: boolean;
}

/**
 * One piece of the log for a worker. Issue 11's filter mode is meant to grow here (context lines
 * around each hit, severity filters): the answer already names lines by index and byte range, which
 * is what context lines need too.
 */
export interface ScanTask {
  query: LineQuery;
  /** Whole lines (only the log's very last one may lack its line end), or a piece of one giant line. */
  bytes: Uint8Array;
  /** `bytes` is a piece of a line longer than the carry limit: no line end in it, matched as one text. */
  partial: boolean;
  /** Most matching lines to locate (every matching line is counted). */
  maxFound: number;
}

/** A matching line: its index in the piece and its bytes [start, end), without the line end. */
export interface FoundLine {
  line: number;
  start: number;
  end: number;
}

export interface ScanResult {
  /** Line ends in the piece. */
  lines: number;
  /** Matching lines, one hit per line. */
  matched: number;
  /** The piece's first line matched (it may continue the previous piece's giant line). */
  firstLineMatched: boolean;
  found: FoundLine[];
}

/**
 * The line matcher the search workers run. It is SELF-CONTAINED on purpose: its source text is
 * evaluated inside each worker (Next bundles server code, so the worker cannot load a module by path),
 * so it may use only its parameter and globals — no imports, no module-level names.
 *
 * Semantics are grep's: a line matches when the pattern matches within the line alone (`^`/`$` at its
 * ends, a CR before the LF not part of it). For speed, RE2 first searches a window of whole lines at
 * once (multi-line mode: `^`/`$` and `\b` see the same boundaries there), and only the line where a hit
 * starts is tested alone — that also drops hits that ran across a line end. Windows with a CR, windows
 * with many hits, and patterns whose anchors differ between a window and a line (`\A`, `\z`, `(?-m)`)
 * are tested line by line. Every step is linear in the bytes (RE2 never backtracks).
 *
 * Invalid UTF-8 is matched as the viewer shows it: a piece that has any is first decoded with U+FFFD
 * for the bad bytes (as the line API does), so `.` matches there too; the result's offsets then refer
 * to that copy, which is handed back instead of the piece.
 */
export function createLineScanner(RE2Engine: typeof RE2, isUtf8: (bytes: Uint8Array) => boolean) {
  // A window search may read to the window's end (a greedy class like [^x]* crosses line ends), so
  // windows are small where hits are dense; where they are rare, windows grow (each RE2 call has a
  // fixed cost that 8 KB windows pay ~128 times per MB): about 4 hits' distance, so a hit costs at
  // most ~4× the bytes between hits. A window where most lines match goes line by line.
  const MIN_WINDOW = 8 * 1024;
  const MAX_WINDOW = 512 * 1024;
  const NL = 10;
  const CR = 13;
  const compiled = new Map<
    string,
    { re: RE2; needle?: Buffer; requiredBytes?: Buffer; withinLine: boolean; lineByLine: boolean }
  >();

  const prepare = (query: LineQuery) => {
    const key = JSON.stringify(query);
    let entry = compiled.get(key);
    if (!entry) {
      entry = {
        re: new RE2Engine(query.source, query.caseSensitive ? "mu" : "imu"),
        needle: query.literal === undefined ? undefined : Buffer.from(query.literal),
        requiredBytes: query.required === undefined ? undefined : Buffer.from(query.required),
        // A line found by its required bytes still has to match the whole query.
        withinLine:
          (query.literal !== undefined || query.withinLine === true) && query.required === undefined,
        lineByLine: /\\[Az]|\(\?[a-zA-Z]*-[a-zA-Z]*m/.test(query.source),
      };
      compiled.set(key, entry);
      // A worker serves several searches in turn: keep a few compiled, forget the oldest.
      if (compiled.size > 8) compiled.delete(compiled.keys().next().value as string);
    }
    return entry;
  };

  /** The piece, or a copy with U+FFFD for invalid UTF-8 (its own ArrayBuffer, so it can be transferred). */
  const asShown = (piece: Uint8Array) => {
    const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (isUtf8(bytes)) return bytes;
    const text = bytes.toString("utf8");
    const copy = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    copy.write(text);
    return copy;
  };

  return function scan(task: ScanTask): { result: ScanResult; bytes: Buffer } {
    const { re, needle, requiredBytes, withinLine, lineByLine } = prepare(task.query);
    const bytes = asShown(task.bytes);
    const size = bytes.length;
    const result: ScanResult = { lines: 0, matched: 0, firstLineMatched: false, found: [] };
    const hit = (start: number, end: number) => {
      if (result.lines === 0) result.firstLineMatched = true;
      result.matched += 1;
      if (result.found.length < task.maxFound) result.found.push({ line: result.lines, start, end });
    };
    /** Where the line holding `at` ends (its LF, or the end of the piece). */
    const lineEnd = (at: number) => {
      const newline = bytes.indexOf(NL, at);
      return newline === -1 ? size : newline;
    };
    const withoutCr = (start: number, end: number) => (end > start && bytes[end - 1] === CR ? end - 1 : end);
    /** Counts the line ends in [from, to); returns where the line holding `to` starts. */
    const skipLines = (from: number, to: number) => {
      let start = from;
      for (let at = bytes.indexOf(NL, from); at !== -1 && at < to; at = bytes.indexOf(NL, at + 1)) {
        result.lines += 1;
        start = at + 1;
      }
      return start;
    };
    /**
     * Whether the text matches: a byte search for a literal, RE2 where the required bytes are (`holds`:
     * the text was found by them already).
     */
    const matches = (text: Buffer, holds = false) =>
      needle
        ? text.includes(needle)
        : (holds || !requiredBytes || text.includes(requiredBytes)) && re.test(text);
    /** Tests the line [start, end) alone; returns where the next line starts. */
    const testLine = (start: number, end: number, holds = false) => {
      const text = withoutCr(start, end);
      if (matches(bytes.subarray(start, text), holds)) hit(start, text);
      if (end < size) result.lines += 1;
      return end + 1;
    };
    const eachLine = (from: number, to: number) => {
      for (let start = from; start < to;) start = testLine(start, lineEnd(start));
    };
    /** Finds candidate lines with one search over [from, to) (whole lines), then tests each alone. */
    const searchWindow = (from: number, to: number) => {
      let at = from;
      const firstLine = result.lines;
      for (let hits = 0; at < to; hits += 1) {
        if (hits >= 4 && hits * 2 > result.lines - firstLine) return eachLine(at, to);
        const rest = bytes.subarray(at, to);
        const index = needle
          ? rest.indexOf(needle)
          : requiredBytes
            ? rest.indexOf(requiredBytes)
            : re.search(rest);
        if (index === -1) break;
        const position = at + index;
        // An empty match after the window's last line end belongs to no line of this window.
        if (position === to && bytes[to - 1] === NL) break;
        const start = skipLines(at, position);
        const end = lineEnd(position);
        if (!withinLine)
          at = testLine(start, end, true); // found by the required bytes, or by RE2
        else {
          hit(start, end); // no CR in this window: the line's text ends at its LF
          if (end < size) result.lines += 1;
          at = end + 1;
        }
      }
      if (at < to) skipLines(at, to);
    };

    if (task.partial) {
      if (matches(bytes)) hit(0, size);
      return { result, bytes };
    }
    let nextCr = bytes.indexOf(CR);
    for (let from = 0; from < size;) {
      // Bytes per hit so far (the piece's start counts as a 64 KB stretch without one).
      const spacing = (from + 64 * 1024) / (result.matched + 1);
      const window = Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, Math.floor(4 * spacing)));
      const to = from + window >= size ? size : Math.min(size, lineEnd(from + window) + 1);
      if (nextCr !== -1 && nextCr < from) nextCr = bytes.indexOf(CR, from);
      if (lineByLine || (nextCr !== -1 && nextCr < to)) eachLine(from, to);
      else searchWindow(from, to);
      from = to;
    }
    return { result, bytes };
  };
}
