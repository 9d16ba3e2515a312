import "server-only";
import { isObjectStoreError } from "@/lib/server/object-store/object-store";
import {
  listLogObjects,
  newestFirst,
  readRange,
  streamSegments,
  type PublishedLog,
  type Segment,
} from "./published-log";

const FIRST_BLOCK = 16 * 1024;
const MAX_BLOCK = 1024 * 1024;
/** A tail found within this many bytes read is answered from them, without reading them again. */
const KEEP_READ_BYTES = 4 * 1024 * 1024;

interface TailStart {
  segments: Segment[];
  /** The tail itself, in order, when it fits in what was read to find it. */
  bytes?: Buffer[];
}

interface Block {
  name: string;
  start: number;
  bytes: Buffer;
}

/**
 * The copy's last object with its final block, in one suffix read and no listing, when the backend
 * knows which object that is; undefined when it does not, or the object has gone (expired, discarded).
 */
async function lastObjectEnd(log: PublishedLog): Promise<{ entry: Segment; block: Block } | undefined> {
  if (!log.lastObject) return undefined;
  try {
    const read = await log.store.getObject(log.account, log.container, log.lastObject, {
      range: { suffix: FIRST_BLOCK },
    });
    const parts: Buffer[] = [];
    for await (const part of read.body) parts.push(Buffer.from(part as Uint8Array));
    const name = log.lastObject;
    return {
      entry: { name, start: 0, bytes: read.info.bytes },
      block: { name, start: read.start, bytes: Buffer.concat(parts) },
    };
  } catch (error) {
    if (isObjectStoreError(error) && (error.status === 404 || error.status === 416)) return undefined;
    throw error;
  }
}

/** Newest object first: the known last object (read already), then the listing of the older ones. */
async function* newestObjects(log: PublishedLog, last: Segment | undefined) {
  if (!last) return yield* newestFirst(log);
  yield { name: last.name, bytes: last.bytes };
  yield* newestFirst(log, { before: last.name });
}

/**
 * Finds where the last `lines` lines start by reading backwards from the end in growing suffix
 * ranges: a 50-line tail of a gigabyte log costs one small range read of its last object (one short
 * listing first when the last object is not known).
 */
async function findTailStart(log: PublishedLog, lines: number): Promise<TailStart> {
  const known = await lastObjectEnd(log);
  let preread = known?.block;
  const segments: Segment[] = [];
  let kept: Buffer[] | undefined = []; // every block read so far, oldest first, while they are few
  let keptBytes = 0;
  const keep = (bytes: Buffer) => {
    keptBytes += bytes.length;
    if (keptBytes > KEEP_READ_BYTES) kept = undefined;
    kept?.unshift(bytes);
  };
  let newlinesNeeded: number | undefined; // set once we know whether the log ends with a newline
  let block = FIRST_BLOCK;
  for await (const object of newestObjects(log, known?.entry)) {
    let end = object.bytes; // exclusive
    while (end > 0) {
      let start = Math.max(0, end - block);
      let bytes: Buffer;
      if (preread?.name === object.name && end === object.bytes) {
        ({ start, bytes } = preread); // the suffix read that found the last object
        preread = undefined;
      } else bytes = await readRange(log, object.name, start, end - 1);
      block = Math.min(block * 4, MAX_BLOCK);
      if (newlinesNeeded === undefined) newlinesNeeded = lines + (bytes[bytes.length - 1] === 0x0a ? 1 : 0);
      for (let at = bytes.length - 1; at >= 0; at -= 1) {
        at = bytes.lastIndexOf(0x0a, at);
        if (at === -1) break;
        newlinesNeeded -= 1;
        if (newlinesNeeded === 0) {
          segments.unshift({ name: object.name, start: start + at + 1, bytes: object.bytes });
          keep(bytes.subarray(at + 1));
          return { segments: segments.filter((segment) => segment.start < segment.bytes), bytes: kept };
        }
      }
      keep(bytes);
      end = start;
    }
    segments.unshift({ name: object.name, start: 0, bytes: object.bytes });
  }
  return { segments, bytes: kept }; // fewer lines than asked for: the whole log
}

async function* fromMemory(parts: Buffer[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) if (part.length) yield part;
}

/** Skips the first `lines` lines, counting with X-Object-Meta-Lines where objects carry it. */
async function findSkipStart(log: PublishedLog, lines: number): Promise<Segment[]> {
  const objects = await listLogObjects(log);
  let toSkip = lines;
  for (let index = 0; index < objects.length; index += 1) {
    const object = objects[index]!;
    const counted = Number(
      (await log.store.headObject(log.account, log.container, object.name)).metadata.lines,
    );
    if (Number.isInteger(counted) && counted < toSkip) {
      toSkip -= counted;
      continue;
    }
    const bytes = await readRange(log, object.name, 0, object.bytes - 1);
    let at = -1;
    while (toSkip > 0) {
      at = bytes.indexOf(0x0a, at + 1);
      if (at === -1) break;
      toSkip -= 1;
    }
    if (toSkip > 0) continue; // this object ended inside the lines being skipped
    const rest = objects
      .slice(index + 1)
      .map((entry) => ({ name: entry.name, start: 0, bytes: entry.bytes }));
    return [{ name: object.name, start: at + 1, bytes: object.bytes }, ...rest].filter(
      (s) => s.start < s.bytes,
    );
  }
  return [];
}

/**
 * The log's text as troveclient's `log tail --lines N` means it: N > 0 the last N lines, 0 the
 * whole log, -n everything after the first n lines. Bytes come out exactly as published.
 */
export async function tailLog(log: PublishedLog, lines: number): Promise<AsyncGenerator<Uint8Array>> {
  let segments: Segment[];
  if (lines > 0) {
    const found = await findTailStart(log, lines);
    if (found.bytes) return fromMemory(found.bytes);
    segments = found.segments;
  } else if (lines < 0) segments = await findSkipStart(log, -lines);
  else
    segments = (await listLogObjects(log)).map((entry) => ({
      name: entry.name,
      start: 0,
      bytes: entry.bytes,
    }));
  return streamSegments(log, segments);
}
