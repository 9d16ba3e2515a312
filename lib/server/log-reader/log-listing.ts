import "server-only";
import { readTimeIndex, timeIndexName, type IndexEntry } from "@/lib/server/log-index/index-object";
import type { ObjectEntry } from "@/lib/server/object-store/object-store";
import { listLogObjects, type PublishedLog } from "./published-log";

export interface LogListing {
  /** The copy's objects in publish order. */
  listed: ObjectEntry[];
  /** What the publish-time index object says of them (empty without one). */
  indexed: IndexEntry[];
}

const recent = new Map<string, { signature: string; listing: Promise<LogListing> }>();
/** Only to serve the next reader of the same copy (the indexes built from it are cached on their own). */
const MAX_KEPT = 8;

/**
 * The copy's objects and its publish-time index (one listing and one small GET, side by side). The
 * line index and the time index both start from them: when the backend names the copy's size and last
 * object, one read serves both (a viewer page reads its lines, then its timeline right after).
 */
export function readLogListing(log: PublishedLog): Promise<LogListing> {
  const known = log.size !== undefined && log.lastObject !== undefined;
  const signature = `${log.size}/${log.lastObject}`;
  const key = `${log.account}/${log.container}/${log.prefix}`;
  const kept = recent.get(key);
  if (known && kept?.signature === signature) return kept.listing;
  const listing = Promise.all([listLogObjects(log), readTimeIndex(log, timeIndexName(log.prefix))]).then(
    ([listed, indexed]) => ({ listed, indexed }),
  );
  if (known) {
    if (recent.size >= MAX_KEPT) recent.clear();
    recent.set(key, { signature, listing });
    // A failed read is not kept: the next reader tries again.
    listing.catch(() => recent.get(key)?.listing === listing && recent.delete(key));
  }
  return listing;
}
