import "server-only";
import { StringDecoder } from "node:string_decoder";
import type { LogLines } from "@/lib/schemas/log-view";
import { lineIndex, type IndexedObject, type LineIndex } from "./line-index";
import { readRange, streamSegments, type PublishedLog } from "./published-log";

/** A line longer than this is shown cut, with how much was left out (the download has it whole). */
const MAX_LINE_BYTES = 64 * 1024;
const MAX_WINDOW = 5000;

/**
 * Where line `line` (1-based) starts: after the (line-1)th line end. Finding it reads the object that
 * holds it; the rest of that object, from the line on, comes back with it so it is not read twice.
 */
async function lineStart(
  log: PublishedLog,
  index: LineIndex,
  line: number,
): Promise<{ offset: number; read?: { object: IndexedObject; rest: Buffer } }> {
  if (line <= 1) return { offset: 0 };
  const wanted = line - 1; // line ends to skip
  const object = binarySearch(index.objects, wanted);
  if (!object) return { offset: index.size };
  let remaining = wanted - object.newlinesBefore;
  const body = await readRange(log, object.name, 0, object.bytes - 1);
  let at = -1;
  while (remaining > 0) {
    at = body.indexOf(0x0a, at + 1);
    remaining -= 1;
  }
  return { offset: object.start + at + 1, read: { object, rest: body.subarray(at + 1) } };
}

/** `first`, then the chunks of `rest` (read only if the reader wants more). */
async function* startingWith(first: Buffer, rest: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    if (first.length) yield first;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}

/** The object holding the `wanted`-th line end (1-based). */
function binarySearch(objects: IndexedObject[], wanted: number): IndexedObject | undefined {
  let low = 0;
  let high = objects.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const object = objects[middle]!;
    if (object.newlinesBefore + object.newlines < wanted) low = middle + 1;
    else if (object.newlinesBefore >= wanted) high = middle - 1;
    else return object;
  }
  return undefined;
}

function segmentsFrom(index: LineIndex, offset: number) {
  return index.objects
    .filter((object) => object.start + object.bytes > offset)
    .map((object) => ({ name: object.name, start: Math.max(0, offset - object.start), bytes: object.bytes }));
}

/** Collects up to `count` lines from a byte stream that starts at a line start. */
async function collectLines(chunks: AsyncGenerator<Uint8Array>, count: number): Promise<string[]> {
  const lines: string[] = [];
  let decoder = new StringDecoder("utf8");
  let current = "";
  let currentBytes = 0;
  const finishLine = () => {
    const cut = currentBytes > MAX_LINE_BYTES ? ` … (${currentBytes - MAX_LINE_BYTES} more bytes)` : "";
    lines.push(current.replace(/\r$/, "") + cut);
    current = "";
    currentBytes = 0;
    decoder = new StringDecoder("utf8");
  };
  try {
    for await (const chunk of chunks) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let from = 0;
      while (from < bytes.length && lines.length < count) {
        const end = bytes.indexOf(0x0a, from);
        const piece = bytes.subarray(from, end === -1 ? bytes.length : end);
        const room = MAX_LINE_BYTES - currentBytes;
        if (room > 0) current += decoder.write(piece.subarray(0, room));
        currentBytes += piece.length;
        if (end === -1) break;
        current += decoder.end();
        finishLine();
        from = end + 1;
      }
      if (lines.length >= count) return lines;
    }
    if (currentBytes > 0 && lines.length < count) {
      current += decoder.end();
      finishLine();
    }
    return lines;
  } finally {
    await chunks.return(undefined);
  }
}

/** A window of the published log by line number, for the viewer: `from_line` onwards, or the last `tail` lines. */
export async function readLines(
  log: PublishedLog,
  request: { fromLine?: number; tail?: number; count: number },
): Promise<LogLines> {
  const index = await lineIndex(log);
  const count = Math.min(request.tail ?? request.count, MAX_WINDOW);
  const firstLine =
    request.tail !== undefined ? Math.max(1, index.totalLines - count + 1) : (request.fromLine ?? 1);
  const base = {
    first_line: firstLine,
    total_lines: index.totalLines,
    size: index.size,
    last_line_complete: index.lastLineComplete,
  };
  if (firstLine > index.totalLines) return { ...base, lines: [] };
  const { offset, read } = await lineStart(log, index, firstLine);
  const chunks = read
    ? startingWith(read.rest, streamSegments(log, segmentsFrom(index, read.object.start + read.object.bytes)))
    : streamSegments(log, segmentsFrom(index, offset));
  const lines = await collectLines(chunks, count);
  return { ...base, lines };
}
