import "server-only";
import type { FilterLine, LogFilterEvent } from "@/lib/schemas/log-filter";
import type { Severity } from "@/lib/schemas/log-time";
import type { LogFormat } from "@/lib/log-format";
import { FilterAssembler } from "./filter-assembler";
import { candidateQuery } from "./filter-candidates";
import type { PublishedLog } from "./published-log";
import { scanPieces, wholeLog } from "./scan-pieces";
import { ScanTimeoutError, type ScanPool } from "./search-pool";
import { SearchStoppedError, stoppedMessage } from "./search";

export interface FilterRequest {
  /** Text the entries must contain (empty: any). */
  query: string;
  regex: boolean;
  caseSensitive: boolean;
  /** Severities the entries must have (empty: any). */
  levels: Severity[];
  context: number;
  /** Most lines sent (every line is counted). */
  limit: number;
}

const PROGRESS_EVERY = 16 * 1024 * 1024;
/** Lines per `lines` event. */
const BATCH = 1000;

/**
 * Filters the whole published log once, streaming: the workers find candidate lines (the text, or words
 * of the wanted severities) in pieces of whole lines, and the event loop turns them into whole entries
 * of the wanted severities with their context (FilterAssembler). Events: lines / progress / done.
 */
export async function* filterLog(
  log: PublishedLog,
  request: FilterRequest,
  { pool, signal, format }: { pool: ScanPool; signal: AbortSignal; format: LogFormat },
): AsyncGenerator<LogFilterEvent> {
  const text = request.query ? request : null;
  const query = candidateQuery(text, request.levels);
  const { segments, size } = await wholeLog(log);
  const assembler = new FilterAssembler({
    format,
    context: request.context,
    levels: request.levels.length ? new Set(request.levels) : null,
    limit: request.limit,
  });
  const progress = (scanned: number): LogFilterEvent => ({
    type: "progress",
    scanned,
    size,
    entries: assembler.entries,
    lines: assembler.shown,
  });
  function* batches(lines: FilterLine[]) {
    for (let at = 0; at < lines.length; at += BATCH) {
      yield { type: "lines", lines: lines.slice(at, at + BATCH) } satisfies LogFilterEvent;
    }
  }

  yield progress(0); // at once: the client knows the filter runs before any line
  let scanned = 0;
  let nextProgress = PROGRESS_EVERY;
  const maxFound = () => Number.MAX_SAFE_INTEGER;
  try {
    for await (const piece of scanPieces(log, segments, query, { pool, signal, maxFound })) {
      scanned = piece.scanned;
      if (piece.partial) {
        assembler.giantPiece(piece.bytes, piece.result.matched > 0);
        continue;
      }
      yield* batches(assembler.piece(piece.bytes, piece.result.lines, piece.result.found));
      if (scanned >= nextProgress && scanned < size) {
        yield progress(scanned);
        nextProgress = (Math.floor(scanned / PROGRESS_EVERY) + 1) * PROGRESS_EVERY;
      }
    }
  } catch (error) {
    if (error instanceof ScanTimeoutError) throw new SearchStoppedError(stoppedMessage(error));
    throw error;
  }
  yield* batches(assembler.finish());
  yield {
    type: "done",
    entries: assembler.entries,
    lines: assembler.shown,
    truncated: assembler.shown > request.limit,
    scanned,
    total_lines: assembler.totalLines,
  };
}
