import "server-only";
import { severitySchema, type Severity } from "@/lib/schemas/log-time";
import { isNotFound, type ObjectStore } from "@/lib/server/object-store/object-store";
import { readObjectText } from "@/lib/server/object-store/read-object";
import type { ObjectSummary } from "./object-summary";

/**
 * The per-log time index: one small JSON object beside the metafile (`<prefix>_timeindex`, outside the
 * prefix, so python-troveclient never lists it), one entry per published object. Readers trust an entry
 * only when an object of that name and size is listed, so an index left behind by an interrupted publish
 * or a rotation can never misplace a line.
 */
export interface IndexEntry {
  name: string;
  bytes: number;
  lines: number;
  first?: number;
  last?: number;
  severities: Partial<Record<Severity, number>>;
  /** [byte, line, time, warnings, errors] */
  marks: Array<[number, number, number, number, number]>;
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isTime = (value: unknown) => value === undefined || Number.isFinite(value);
const isMark = (mark: unknown) =>
  Array.isArray(mark) && mark.length === 5 && mark.every((n) => Number.isFinite(n));
const isSeverities = (value: unknown) =>
  typeof value === "object" &&
  value !== null &&
  Object.entries(value).every(([key, count]) => severitySchema.safeParse(key).success && isCount(count));

/**
 * Checked by hand, not with zod: a 1 GB log's index holds ~16,000 marks, which a zod tuple schema
 * takes ~0.4 s to check on this machine (the timeline's whole budget), a loop a few ms. The index
 * lives in the tenant's own account, so it is checked all the same.
 */
function isEntry(value: unknown): value is IndexEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.name === "string" &&
    isCount(entry.bytes) &&
    isCount(entry.lines) &&
    isTime(entry.first) &&
    isTime(entry.last) &&
    isSeverities(entry.severities) &&
    Array.isArray(entry.marks) &&
    entry.marks.every(isMark)
  );
}

function parseIndex(value: unknown): IndexEntry[] {
  if (typeof value !== "object" || value === null) return [];
  const { version, objects } = value as { version?: unknown; objects?: unknown };
  if (version !== 1 || !Array.isArray(objects) || !objects.every(isEntry)) return [];
  return objects;
}

/** A 1 GB log's index is ~550 KB; refuse to buffer anything far larger. */
const MAX_INDEX_BYTES = 16 * 1024 * 1024;

export function timeIndexName(prefix: string): string {
  return `${prefix.replace(/\/+$/, "")}_timeindex`;
}

export function toIndexEntry(name: string, bytes: number, summary: ObjectSummary): IndexEntry {
  return {
    name,
    bytes,
    lines: summary.lines,
    first: summary.first,
    last: summary.last,
    severities: summary.severities,
    marks: summary.marks.map((m) => [m.byte, m.line, m.time, m.warnings, m.errors]),
  };
}

interface At {
  store: ObjectStore;
  account: string;
  container: string;
}

/** The index's entries, or [] when there is none or it cannot be read as one. */
export async function readTimeIndex(at: At, name: string): Promise<IndexEntry[]> {
  let text: string;
  try {
    text = await readObjectText(at.store, at.account, at.container, name, MAX_INDEX_BYTES);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  try {
    return parseIndex(JSON.parse(text));
  } catch {
    return [];
  }
}

export async function writeTimeIndex(
  at: At,
  name: string,
  objects: IndexEntry[],
  expiry: number,
): Promise<void> {
  await at.store.putObject(at.account, at.container, name, JSON.stringify({ version: 1, objects }), {
    contentType: "application/json",
    deleteAfter: expiry > 0 ? expiry : undefined,
  });
}
