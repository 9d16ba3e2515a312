import "server-only";
import { isNotFound, type ObjectEntry } from "@/lib/server/object-store/object-store";
import { HEADER_DIGEST_MAX, headerDigestOf } from "./log-file";
import { readMetafile, type Location, type Metafile } from "./metafile";
import { UPLOAD_WINDOW } from "./upload-window";

/** What has been published of one log: the first `size` bytes of its file, in objects under the prefix. */
export interface PublishedState {
  size: number;
  headerDigest: string;
  tailDigest?: string;
  /** Newest object the state accounts for. */
  lastObject?: string;
  /** The metafile does not describe the objects (an interrupted publish); the next publish rewrites it. */
  metafileStale: boolean;
  /** Objects an interrupted publish stored after a gap: not part of the copy, deleted by the next publish. */
  strays?: string[];
}

export const NOTHING_PUBLISHED: PublishedState = { size: 0, headerDigest: "", metafileStale: false };

/** Each object we write records where in the file its bytes start. */
export const OFFSET_KEY = "offset";
export const LINES_KEY = "lines";

async function newestObjects(at: Location, prefix: string): Promise<ObjectEntry[]> {
  try {
    const page = await at.store.listObjects(at.account, at.container, { prefix, reverse: true, limit: 20 });
    return page.entries.filter((entry): entry is ObjectEntry => entry.kind === "object");
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

interface Placed {
  name: string;
  offset: number;
  bytes: number;
}

/** The newest objects with the file offsets they record, newest first; skips entries that expired meanwhile. */
async function placeNewest(at: Location, newest: ObjectEntry[]): Promise<Placed[] | undefined> {
  const placed: Placed[] = [];
  for (const entry of newest) {
    if (placed.length > UPLOAD_WINDOW) break;
    try {
      const info = await at.store.headObject(at.account, at.container, entry.name);
      const offset = info.metadata[OFFSET_KEY];
      if (offset === undefined || !/^\d+$/.test(offset)) return placed.length ? placed : undefined;
      placed.push({ name: entry.name, offset: Number(offset), bytes: info.bytes });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return placed.length ? placed : undefined;
}

/**
 * Where the unbroken run of objects ends. A publish that died with uploads in flight may have stored
 * some of the last UPLOAD_WINDOW objects and not others; everything older is whole. So the oldest of
 * the newest UPLOAD_WINDOW + 1 objects is trusted, and any object after a gap is a stray.
 */
async function endFromObjects(at: Location, newest: ObjectEntry[]) {
  const placed = (await placeNewest(at, newest))?.reverse();
  if (!placed) return undefined;
  let [last] = placed as [Placed];
  const strays: string[] = [];
  for (const object of placed.slice(1)) {
    if (strays.length === 0 && object.offset === last.offset + last.bytes) last = object;
    else strays.push(object.name);
  }
  return { size: last.offset + last.bytes, lastObject: last.name, strays };
}

/** Rebuilds the header digest from the published bytes themselves (the first line may span objects). */
async function headerDigestFromObjects(at: Location, prefix: string): Promise<string> {
  const parts: Buffer[] = [];
  let held = 0;
  const page = await at.store.listObjects(at.account, at.container, { prefix, limit: 100 });
  for (const entry of page.entries) {
    if (entry.kind !== "object" || held >= HEADER_DIGEST_MAX) break;
    if (entry.bytes === 0) continue;
    const end = Math.min(entry.bytes, HEADER_DIGEST_MAX - held) - 1;
    const read = await at.store.getObject(at.account, at.container, entry.name, { range: { start: 0, end } });
    for await (const part of read.body) parts.push(Buffer.from(part as Uint8Array));
    held = parts.reduce((sum, part) => sum + part.length, 0);
    if (Buffer.concat(parts).includes(0x0a)) break;
  }
  return headerDigestOf(Buffer.concat(parts));
}

/**
 * Reads the metafile and checks it against the objects, which are the truth: every object is
 * stored whole, so after a publish that died between two uploads the newest object tells how far
 * it got and nothing is sent twice.
 */
export async function loadPublishedState(
  at: Location,
  prefix: string,
  metafile: string,
): Promise<PublishedState> {
  const [meta, newest] = await Promise.all([readMetafile(at, metafile), newestObjects(at, prefix)]);
  if (newest.length === 0) {
    return { ...NOTHING_PUBLISHED, metafileStale: meta !== undefined };
  }
  const fromMeta = (m: Metafile): PublishedState => ({
    size: m.log_size,
    headerDigest: m.log_header_digest,
    tailDigest: m.log_tail_digest,
    lastObject: m.log_last_object ?? newest[0]?.name,
    metafileStale: false,
  });
  if (meta && meta.log_last_object === newest[0]?.name) return fromMeta(meta);

  const end = await endFromObjects(at, newest);
  if (!end) {
    // Objects written by Trove itself carry no offsets: its metafile is all there is to go on.
    return meta ? fromMeta(meta) : { ...NOTHING_PUBLISHED, metafileStale: true };
  }
  const sameGeneration = meta !== undefined && meta.log_size > 0 && meta.log_size <= end.size;
  return {
    size: end.size,
    headerDigest: sameGeneration ? meta.log_header_digest : await headerDigestFromObjects(at, prefix),
    tailDigest: undefined,
    lastObject: end.lastObject,
    metafileStale: true,
    ...(end.strays.length && { strays: end.strays }),
  };
}
