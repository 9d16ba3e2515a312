import "server-only";
import { isNotFound } from "@/lib/server/object-store/object-store";
import { readLogListing } from "./log-listing";
import { readRange, type PublishedLog } from "./published-log";

/** One object of a log, placed in the log: its first byte and how many line ends come before it. */
export interface IndexedObject {
  name: string;
  start: number;
  bytes: number;
  /** Line ends (\n) before this object's first byte. */
  newlinesBefore: number;
  newlines: number;
}

export interface LineIndex {
  objects: IndexedObject[];
  size: number;
  newlines: number;
  /** Lines in the log: line ends, plus an unfinished last line. */
  totalLines: number;
  lastLineComplete: boolean;
}

const newlineCounts = new Map<string, number>(); // objects never change under one name
const indexes = new Map<string, LineIndex>();
const MAX_CACHED = 20_000;

async function countNewlines(log: PublishedLog, name: string, bytes: number): Promise<number> {
  const key = `${log.account}/${log.container}/${name}/${bytes}`;
  const cached = newlineCounts.get(key);
  if (cached !== undefined) return cached;
  const head = await log.store.headObject(log.account, log.container, name);
  let count = Number(head.metadata.lines);
  if (!Number.isInteger(count) || count < 0) {
    // No X-Object-Meta-Lines: count the object itself, once.
    const body = await readRange(log, name, 0, bytes - 1);
    count = 0;
    for (let at = body.indexOf(0x0a); at !== -1; at = body.indexOf(0x0a, at + 1)) count += 1;
  }
  if (newlineCounts.size > MAX_CACHED) newlineCounts.clear();
  newlineCounts.set(key, count);
  return count;
}

async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function buildIndex(log: PublishedLog): Promise<LineIndex> {
  // The publish-time index (one GET) knows the line counts of the objects it lists; only objects it
  // misses (a real Trove's, a newer publish by another replica) cost a HEAD each. An entry counts only
  // for an object listed now under the same name and size, so a stale index can never misplace a line.
  const { listed: entries, indexed, lastLineComplete } = await readLogListing(log);
  const known = new Map(indexed.map((entry) => [entry.name, entry]));
  const counts = await mapLimit(entries, 16, async (entry) => {
    const fromIndex = known.get(entry.name);
    if (fromIndex?.bytes === entry.bytes) return fromIndex.lines;
    return countNewlines(log, entry.name, entry.bytes);
  });
  const objects: IndexedObject[] = [];
  let start = 0;
  let newlines = 0;
  entries.forEach((entry, i) => {
    objects.push({
      name: entry.name,
      start,
      bytes: entry.bytes,
      newlinesBefore: newlines,
      newlines: counts[i]!,
    });
    start += entry.bytes;
    newlines += counts[i]!;
  });
  return {
    objects,
    size: start,
    newlines,
    totalLines: newlines + (lastLineComplete ? 0 : 1),
    lastLineComplete,
  };
}

/**
 * The log's line index: object list with line counts (from the publish-time index, else
 * X-Object-Meta-Lines, one HEAD per object the first time), cached while the published size stays the same — and the last object,
 * when the backend knows it: a copy discarded and published again may have the same size.
 */
export async function lineIndex(log: PublishedLog): Promise<LineIndex> {
  const key = `${log.account}/${log.container}/${log.prefix}`;
  const cached = indexes.get(key);
  const sameLast = log.lastObject === undefined || cached?.objects.at(-1)?.name === log.lastObject;
  if (cached && log.size !== undefined && cached.size === log.size && sameLast) return cached;
  try {
    const index = await buildIndex(log);
    if (indexes.size > 50) indexes.clear();
    indexes.set(key, index);
    return index;
  } catch (error) {
    if (isNotFound(error)) indexes.delete(key); // discarded or expired while we looked
    throw error;
  }
}
