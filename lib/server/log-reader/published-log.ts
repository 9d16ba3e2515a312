import "server-only";
import type { ObjectEntry, ObjectStore } from "@/lib/server/object-store/object-store";
import { listAllObjects } from "@/lib/server/object-store/list-all";

/** Where a log's published objects live; shared by the embedded engine and a remote Trove + Swift. */
export interface PublishedLog {
  store: ObjectStore;
  account: string;
  container: string;
  prefix: string;
  /** Published bytes when the backend knows them (lets readers reuse a cached index safely). */
  size?: number;
}

/** Every object of the log in name (= publish) order, all listing pages. */
export async function listLogObjects(log: PublishedLog): Promise<ObjectEntry[]> {
  const objects: ObjectEntry[] = [];
  for await (const entry of listAllObjects(log.store, log.account, log.container, { prefix: log.prefix })) {
    if (entry.kind === "object" && entry.bytes > 0) objects.push(entry);
  }
  return objects;
}

/** Objects newest first, a listing page at a time, so a tail never lists the whole log. */
export async function* newestFirst(log: PublishedLog, pageSize = 100): AsyncGenerator<ObjectEntry> {
  let marker: string | undefined;
  do {
    const page = await log.store.listObjects(log.account, log.container, {
      prefix: log.prefix,
      reverse: true,
      limit: pageSize,
      marker,
    });
    for (const entry of page.entries) {
      if (entry.kind === "object" && entry.bytes > 0) yield entry;
    }
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

/** A piece of the log: object `name` from byte `start` to its end. */
export interface Segment {
  name: string;
  start: number;
  bytes: number;
}

/** Streams the segments in order; the next object is requested while the current one drains. */
export async function* streamSegments(log: PublishedLog, segments: Segment[]): AsyncGenerator<Uint8Array> {
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
