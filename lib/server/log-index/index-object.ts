import "server-only";
import { z } from "zod";
import { severitySchema } from "@/lib/schemas/log-time";
import { isNotFound, type ObjectStore } from "@/lib/server/object-store/object-store";
import { readObjectText } from "@/lib/server/object-store/read-object";
import type { ObjectSummary } from "./object-summary";

/**
 * The per-log time index: one small JSON object beside the metafile (`<prefix>_timeindex`, outside the
 * prefix, so python-troveclient never lists it), one entry per published object. Readers trust an entry
 * only when an object of that name and size is listed, so an index left behind by an interrupted publish
 * or a rotation can never misplace a line.
 */
const entrySchema = z.object({
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  lines: z.number().int().nonnegative(),
  first: z.number().optional(),
  last: z.number().optional(),
  severities: z.partialRecord(severitySchema, z.number().int().nonnegative()),
  /** [byte, line, time, warnings, errors] */
  marks: z.array(z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()])),
});
const indexSchema = z.object({ version: z.literal(1), objects: z.array(entrySchema) });

export type IndexEntry = z.infer<typeof entrySchema>;

/** A 1 GB log's index is ~200 KB; refuse to buffer anything far larger. */
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
    const parsed = indexSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.objects : [];
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
