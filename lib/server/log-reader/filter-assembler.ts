import type { FilterLine } from "@/lib/schemas/log-filter";
import type { Severity } from "@/lib/schemas/log-time";
import { lineSeverity, startsEntry, type LogFormat } from "@/lib/log-format";

export interface FilterOptions {
  /** The log's format (lib/log-format): where entries start, what severity a line states. */
  format: LogFormat;
  /** Context lines before and after each matching entry. */
  context: number;
  /** Only entries whose first line states one of these (null: any entry). */
  levels: ReadonlySet<Severity> | null;
  /** Lines handed out at most; the rest are only counted. */
  limit: number;
}

/** A candidate line in a piece: its index among the piece's lines and where its bytes start. */
export interface CandidateLine {
  line: number;
  start: number;
}

/** An entry longer than this is cut (its next line starts a new one), so memory and look-back stay bounded. */
export const MAX_ENTRY_LINES = 200;
/** Characters kept of a very long line. */
export const MAX_LINE_TEXT = 16 * 1024;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Turns the candidate lines the workers found, piece by piece in log order, into the lines the filter
 * shows: each candidate's whole entry (found by walking back to the line that starts it and forward to
 * the next one, across pieces), kept only when its severity is wanted, with ±context lines; groups of
 * adjacent lines merge. Only lines near candidates are decoded: the rest of a piece stays bytes.
 * Lines are handed out once final (no later entry can still claim them as its own).
 */
export class FilterAssembler {
  /** Matching entries so far. */
  entries = 0;
  /** Lines shown so far (counted beyond the limit). */
  shown = 0;
  private bytes: Buffer = Buffer.alloc(0);
  private first = 1; // the current piece's first line number
  private count = 0; // lines in the current piece
  private anchor = { line: 1, start: 0 };
  private readonly cache = new Map<number, string>();
  /** The previous pieces' last lines, for look-back across a piece boundary. */
  private retained = new Map<number, string>();
  private readonly group: FilterLine[] = [];
  private lastAdded = 0;
  private matchedUpTo = 0;
  private entryStart = 0;
  private entryOpen = false;
  private afterUntil = 0;
  private giant: { text: string; matched: boolean } | null = null;
  private out: FilterLine[] = [];

  constructor(private readonly options: FilterOptions) {}

  /** Lines in the log so far. */
  get totalLines(): number {
    return this.first + this.count - 1;
  }

  /** A piece of a line longer than a piece (no line end): it matched or not. */
  giantPiece(bytes: Buffer, matched: boolean): void {
    if (!this.giant) this.giant = { text: cut(bytes, 0, bytes.length), matched };
    else this.giant.matched ||= matched;
  }

  /**
   * The next piece: whole lines (`lineEnds` of them end with a line end; only the log's last line may
   * not), and its candidate lines in order. Returns the lines that became final.
   */
  piece(bytes: Buffer, lineEnds: number, candidates: CandidateLine[]): FilterLine[] {
    this.first += this.count;
    this.bytes = bytes;
    this.count = lineEnds + (bytes.length > 0 && bytes[bytes.length - 1] !== LF ? 1 : 0);
    this.anchor = { line: this.first, start: 0 };
    this.cache.clear();
    const giant = this.giant;
    this.giant = null;
    if (giant) this.cache.set(this.first, giant.text);
    this.extend();
    if (giant?.matched && candidates[0]?.line !== 0) this.consider(this.first);
    for (const candidate of candidates) {
      this.anchor = { line: this.first + candidate.line, start: candidate.start };
      this.consider(this.first + candidate.line);
    }
    this.retain();
    // No later entry reaches further back than MAX_ENTRY_LINES: what lies before that is final.
    this.flushBefore(this.first + this.count - MAX_ENTRY_LINES);
    return this.take();
  }

  /** The log ended: the rest of the lines. */
  finish(): FilterLine[] {
    this.entryOpen = false;
    this.flushBefore(Infinity);
    return this.take();
  }

  private take(): FilterLine[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private consider(line: number): void {
    if (line <= this.matchedUpTo) return; // part of the entry just shown
    const floor = Math.max(this.matchedUpTo, line - MAX_ENTRY_LINES);
    let start = line;
    while (start - 1 > floor && !this.startsEntry(start) && this.textOf(start - 1) !== undefined) start -= 1;
    const { levels, context } = this.options;
    if (levels) {
      const severity = lineSeverity(this.options.format, this.textOf(start)!);
      if (!severity || !levels.has(severity)) return;
    }
    this.entries += 1;
    for (let before = Math.max(1, start - context); before < start; before += 1) {
      if (before > this.lastAdded && this.textOf(before) !== undefined) this.add(before, false);
    }
    for (let at = start; at <= line; at += 1) this.add(at, true);
    this.matchedUpTo = line;
    this.entryStart = start;
    this.entryOpen = true;
    this.extend();
  }

  /** Continues the open entry, then its after-context, as far as the lines at hand go. */
  private extend(): void {
    while (this.entryOpen) {
      const next = this.matchedUpTo + 1;
      if (this.textOf(next) === undefined) return; // continues in the next piece, or the log ends
      if (next - this.entryStart >= MAX_ENTRY_LINES || this.startsEntry(next)) {
        this.entryOpen = false;
        this.afterUntil = this.matchedUpTo + this.options.context;
        break;
      }
      this.add(next, true);
      this.matchedUpTo = next;
    }
    while (this.lastAdded < this.afterUntil && this.textOf(this.lastAdded + 1) !== undefined) {
      this.add(this.lastAdded + 1, false);
    }
  }

  private add(line: number, match: boolean): void {
    if (line <= this.lastAdded) {
      const pending = this.group[line - (this.group[0]?.line ?? Infinity)];
      if (match && pending) pending.match = true; // a context line that belongs to this entry
      return;
    }
    if (line > this.lastAdded + 1) this.flushBefore(Infinity); // a gap: the group is complete
    if (this.shown + this.group.length >= this.options.limit) {
      // Past the limit: only counted, never sent, so neither its text nor its severity is needed.
      this.group.push({ line, text: "", match });
    } else {
      const text = this.textOf(line)!;
      const severity = lineSeverity(this.options.format, text);
      this.group.push(severity ? { line, text, match, severity } : { line, text, match });
    }
    this.lastAdded = line;
  }

  private flushBefore(line: number): void {
    let count = 0;
    while (count < this.group.length && this.group[count]!.line < line) count += 1;
    if (count === 0) return;
    const lines = this.group.splice(0, count);
    const room = Math.max(0, this.options.limit - this.shown);
    this.out.push(...(room < lines.length ? lines.slice(0, room) : lines));
    this.shown += lines.length;
  }

  private startsEntry(line: number): boolean {
    return startsEntry(this.options.format, this.textOf(line)!, this.textOf(line - 1));
  }

  /** Keeps the piece's last lines for look-back and context from the next piece. */
  private retain(): void {
    const keep = MAX_ENTRY_LINES + this.options.context + 1;
    const end = this.first + this.count;
    const retained = new Map<number, string>();
    for (let line = end - keep; line < end; line += 1) {
      const text = this.textOf(line);
      if (text !== undefined) retained.set(line, text);
    }
    this.retained = retained;
  }

  /** A line's text, if it is in the current piece or retained from the previous ones. */
  private textOf(line: number): string | undefined {
    if (line < this.first) return this.retained.get(line);
    if (line >= this.first + this.count) return undefined;
    let text = this.cache.get(line);
    if (text === undefined) {
      const start = this.startOf(line);
      const newline = this.bytes.indexOf(LF, start);
      let end = newline === -1 ? this.bytes.length : newline;
      if (end > start && this.bytes[end - 1] === CR) end -= 1;
      text = cut(this.bytes, start, end);
      this.cache.set(line, text);
    }
    return text;
  }

  /** Where a line starts, walking from the last line located (lookups are near each other). */
  private startOf(line: number): number {
    let { line: at, start } = this.anchor;
    for (; at < line; at += 1) start = this.bytes.indexOf(LF, start) + 1;
    for (; at > line; at -= 1) start = start <= 1 ? 0 : this.bytes.lastIndexOf(LF, start - 2) + 1;
    this.anchor = { line, start };
    return start;
  }
}

/** The text of bytes [start, end), at most MAX_LINE_TEXT characters. */
function cut(bytes: Buffer, start: number, end: number): string {
  const text = bytes.toString("utf8", start, Math.min(end, start + 4 * MAX_LINE_TEXT));
  return text.length > MAX_LINE_TEXT ? text.slice(0, MAX_LINE_TEXT) : text;
}
