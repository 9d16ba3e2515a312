import "server-only";
import type { ObjectEntry, ObjectStore, SubdirEntry } from "@/lib/server/object-store/object-store";
import { listAllObjects } from "@/lib/server/object-store/list-all";
import { compareUtf8 } from "@/lib/server/object-store/utf8-order";
import { streamAhead, type ReadAhead } from "./read-ahead";

/** Where a log's published objects live; shared by the embedded engine and a remote Trove + Swift. */
export interface PublishedLog {
  store: ObjectStore;
  account: string;
  container: string;
  prefix: string;
  /** Published bytes when the backend knows them (lets readers reuse a cached index safely). */
  size?: number;
  /**
   * The newest object of the copy, when the backend knows it. Objects after it are not (yet) part of
   * it: uploads still in flight, which may finish out of order, or the strays of an interrupted
   * publish. Readers leave them out, so they never see a gap.
   */
  lastObject?: string;
}

/**
 * What names one state of a copy, when the backend knows it (its size and last object: a copy
 * discarded and published again may have the same size). Readers keep what they built under it.
 */
export const copySignature = (log: PublishedLog): string | undefined =>
  log.size !== undefined && log.lastObject !== undefined ? `${log.size}/${log.lastObject}` : undefined;

/** Is the entry a non-empty object of the copy (not past its last object)? */
const inCopy = (log: PublishedLog, entry: ObjectEntry | SubdirEntry): entry is ObjectEntry =>
  entry.kind === "object" &&
  entry.bytes > 0 &&
  (log.lastObject === undefined || compareUtf8(entry.name, log.lastObject) <= 0);

/** Every object of the log in name (= publish) order, all listing pages. */
export async function listLogObjects(log: PublishedLog): Promise<ObjectEntry[]> {
  const objects: ObjectEntry[] = [];
  for await (const entry of listAllObjects(log.store, log.account, log.container, { prefix: log.prefix })) {
    if (inCopy(log, entry)) objects.push(entry);
  }
  return objects;
}

/**
 * Objects newest first, a listing page at a time, so a tail never lists the whole log. The first page
 * is small (a short tail needs one or two objects: ~1 KB of listing instead of ~25 KB for 100), the
 * next ones grow.
 */
export async function* newestFirst(
  log: PublishedLog,
  { pageSizes = [4, 100, 1000], before }: { pageSizes?: number[]; before?: string } = {},
): AsyncGenerator<ObjectEntry> {
  let marker = before; // in a reverse listing, only names before the marker
  let pages = 0;
  do {
    const page = await log.store.listObjects(log.account, log.container, {
      prefix: log.prefix,
      reverse: true,
      limit: pageSizes[Math.min(pages++, pageSizes.length - 1)],
      marker,
    });
    for (const entry of page.entries) if (inCopy(log, entry)) yield entry;
    marker = page.nextMarker;
  } while (marker !== undefined);
}

/** Reads part of one object: bytes [start, end] inclusive. */
export async function readRange(
  log: PublishedLog,
  name: string,
  start: number,
  end: number,
): Promise<Buffer> {
  const read = await log.store.getObject(log.account, log.container, name, { range: { start, end } });
  const parts: Buffer[] = [];
  for await (const part of read.body) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

/** The last byte of an object (undefined when it is empty). */
export async function lastByteOf(log: PublishedLog, name: string): Promise<number | undefined> {
  const read = await log.store.getObject(log.account, log.container, name, { range: { suffix: 1 } });
  let byte: number | undefined;
  for await (const part of read.body) byte ??= (part as Uint8Array)[0];
  return byte;
}

/** A piece of the log: object `name` from byte `start` to its end. */
export interface Segment {
  name: string;
  start: number;
  bytes: number;
}

/**
 * Streams the segments in order. Without `readAhead`, the next object is requested while the current
 * one drains (and read only when its turn comes): for readers that may stop early. With it, up to
 * `readAhead.objects` objects are requested at once and read into bounded buffers.
 */
export async function* streamSegments(
  log: PublishedLog,
  segments: Segment[],
  readAhead?: ReadAhead,
): AsyncGenerator<Uint8Array> {
  if (readAhead && readAhead.objects > 1) {
    yield* streamAhead(log, segments, readAhead);
    return;
  }
  const open = (segment: Segment) =>
    log.store.getObject(log.account, log.container, segment.name, {
      range: { start: segment.start, end: segment.bytes - 1 },
    });
  let next = segments[0] ? open(segments[0]) : undefined;
  try {
    for (let index = 0; index < segments.length && next; index += 1) {
      const current = await next;
      const following = segments[index + 1];
      next = following ? open(following) : undefined;
      // A rejected prefetch is reported when its turn comes, not as an unhandled rejection now.
      next?.catch(() => undefined);
      try {
        for await (const part of current.body) yield part as Uint8Array;
      } finally {
        current.body.destroy();
      }
    }
  } finally {
    // The reader stopped early (or failed): release a prefetched body nobody will read.
    if (next) {
      void next.then(
        (read) => read.body.destroy(),
        () => undefined,
      );
    }
  }
}
