import "server-only";
import type { Severity } from "@/lib/schemas/log-time";
import type { LogFormat } from "@/lib/log-format";
import { lineIndex } from "@/lib/server/log-reader/line-index";
import { readLogListing } from "@/lib/server/log-reader/log-listing";
import { copySignature, type PublishedLog } from "@/lib/server/log-reader/published-log";
import type { ObjectEntry } from "@/lib/server/object-store/object-store";
import type { IndexEntry } from "./index-object";
import { readSummaryMetadata } from "./object-metadata";
import { estimateObject } from "./estimate-object";
import { mapLimit } from "./map-limit";

/** One object of a log, placed in the log, with what is known of its times. */
export interface TimedObject {
  name: string;
  /** First byte of the object in the log. */
  start: number;
  bytes: number;
  /** Line ends before the object's first byte, and in it. */
  newlinesBefore: number;
  lines: number;
  first?: number;
  last?: number;
  severities: Partial<Record<Severity, number>>;
  /** [byte, line, time, warnings, errors]: entries with their own time, ~every 128 KB (indexed objects only). */
  marks: IndexEntry["marks"];
  /** How the times are known: from publish time (`index`, `metadata`), or read from the object's head and tail. */
  source: "index" | "metadata" | "estimate";
}

export interface LogTimeIndex {
  objects: TimedObject[];
  size: number;
  totalLines: number;
}

const cache = new Map<string, { signature: string; index: LogTimeIndex }>();
/** Objects never change under one name: what a HEAD or a sample told about one is kept. */
const described = new Map<string, Described>();
const MAX_DESCRIBED = 20_000;

/**
 * The time index of a published log: the per-log index object (one small read) for objects published
 * with one; each object's own metadata (one HEAD) for those it misses; and for objects published
 * without either (a real Trove's, older copies) the times in a small range at each end, with line
 * counts from the line index. Cached while the copy's size and last object stay the same.
 */
export async function readLogIndex(log: PublishedLog, format: LogFormat): Promise<LogTimeIndex> {
  const key = `${log.account}/${log.container}/${log.prefix}/${format}`;
  const signature = copySignature(log);
  const cached = cache.get(key);
  if (signature !== undefined && cached?.signature === signature) return cached.index;
  const { listed, indexed: entries, lastLineComplete } = await readLogListing(log);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const needLineIndex = listed.some((object) => byName.get(object.name)?.bytes !== object.bytes);
  const lines = needLineIndex ? await lineIndex(log) : undefined;
  const lineCounts = new Map(lines?.objects.map((object) => [object.name, object.newlines]));
  const summaries = await mapLimit(listed, 16, (object) =>
    describe(log, format, object, byName.get(object.name), lineCounts.get(object.name)),
  );
  const objects: TimedObject[] = [];
  let start = 0;
  let newlines = 0;
  for (const [i, object] of summaries.entries()) {
    objects.push({ ...object, start, newlinesBefore: newlines });
    start += listed[i]!.bytes;
    newlines += object.lines;
  }
  const index = { objects, size: start, totalLines: newlines + (lastLineComplete ? 0 : 1) };
  if (cache.size > 50) cache.clear();
  const built = copySignature({ ...log, size: start, lastObject: listed.at(-1)?.name });
  if (built !== undefined) cache.set(key, { signature: built, index });
  return index;
}

type Described = Omit<TimedObject, "start" | "newlinesBefore">;

async function describe(
  log: PublishedLog,
  format: LogFormat,
  object: ObjectEntry,
  entry: IndexEntry | undefined,
  lineCount: number | undefined,
): Promise<Described> {
  if (entry && entry.bytes === object.bytes) {
    const { first, last, severities, marks, lines } = entry;
    return { name: object.name, bytes: object.bytes, lines, first, last, severities, marks, source: "index" };
  }
  const key = `${log.account}/${log.container}/${object.name}/${object.bytes}/${format}`;
  const known = described.get(key);
  if (known) return known;
  if (described.size > MAX_DESCRIBED) described.clear();
  const result = await describeUnindexed(log, format, object, lineCount);
  described.set(key, result);
  return result;
}

async function describeUnindexed(
  log: PublishedLog,
  format: LogFormat,
  object: ObjectEntry,
  lineCount: number | undefined,
): Promise<Described> {
  const head = await log.store.headObject(log.account, log.container, object.name);
  const meta = readSummaryMetadata(head.metadata);
  const lines = lineCount ?? Number(head.metadata.lines ?? 0);
  const base = { name: object.name, bytes: object.bytes, lines, severities: meta.severities, marks: [] };
  if (meta.indexed) return { ...base, first: meta.first, last: meta.last, source: "metadata" };
  return { ...base, ...(await estimateObject(log, format, object.name, object.bytes)), source: "estimate" };
}
