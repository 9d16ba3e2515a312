import "server-only";
import { readTimeIndex, timeIndexName, type IndexEntry } from "@/lib/server/log-index/index-object";
import type { ObjectEntry } from "@/lib/server/object-store/object-store";
import { copySignature, lastByteOf, listLogObjects, type PublishedLog } from "./published-log";

export interface LogListing {
  /** The copy's objects in publish order. */
  listed: ObjectEntry[];
  /** What the publish-time index object says of them (empty without one). */
  indexed: IndexEntry[];
  /** The log ends with a line end (or is empty): no unfinished last line. */
  lastLineComplete: boolean;
}

const recent = new Map<string, { signature: string; listing: Promise<LogListing> }>();
/** Only to serve the next reader of the same copy (the indexes built from it are cached on their own). */
const MAX_KEPT = 8;

async function readListing(log: PublishedLog): Promise<LogListing> {
  // The last byte is asked for beside the listing when the copy's last object is known.
  const early = log.lastObject === undefined ? undefined : lastByteOf(log, log.lastObject);
  early?.catch(() => undefined); // awaited below only when the listing agrees
  const [listed, indexed] = await Promise.all([
    listLogObjects(log),
    readTimeIndex(log, timeIndexName(log.prefix)),
  ]);
  const last = listed.at(-1);
  const lastByte = !last
    ? undefined
    : last.name === log.lastObject
      ? await early
      : await lastByteOf(log, last.name);
  return { listed, indexed, lastLineComplete: !last || lastByte === 0x0a };
}

/**
 * The copy's objects, its publish-time index and its last byte (one listing and two small GETs, side by
 * side). The line index and the time index both start from them: when the backend names the copy's
 * size and last object, one read serves both (a viewer page reads its lines, then its timeline).
 */
export function readLogListing(log: PublishedLog): Promise<LogListing> {
  const signature = copySignature(log);
  const key = `${log.account}/${log.container}/${log.prefix}`;
  const kept = recent.get(key);
  if (signature !== undefined && kept?.signature === signature) return kept.listing;
  const listing = readListing(log);
  if (signature !== undefined) {
    if (recent.size >= MAX_KEPT) recent.clear();
    recent.set(key, { signature, listing });
    // A failed read is not kept: the next reader tries again.
    listing.catch(() => recent.get(key)?.listing === listing && recent.delete(key));
  }
  return listing;
}
