import "server-only";
import { severitySchema, type Severity } from "@/lib/schemas/log-time";
import type { Metadata } from "@/lib/server/object-store/object-store";
import type { ObjectSummary } from "./object-summary";

/**
 * The summary as user metadata on the object itself (X-Object-Meta-First-Time, -Last-Time,
 * -Severities): an object stays self-describing when the per-log index is lost or older than it.
 */
export const FIRST_TIME_KEY = "first-time";
export const LAST_TIME_KEY = "last-time";
export const SEVERITIES_KEY = "severities";
/** Set on every object summarised at publish, with or without times in it. */
export const TIME_INDEXED_KEY = "time-indexed";

export function summaryMetadata(summary: ObjectSummary): Metadata {
  const metadata: Metadata = { [TIME_INDEXED_KEY]: "1" };
  if (summary.first !== undefined) metadata[FIRST_TIME_KEY] = String(summary.first);
  if (summary.last !== undefined) metadata[LAST_TIME_KEY] = String(summary.last);
  const counts = Object.entries(summary.severities).map(([severity, count]) => `${severity}=${count}`);
  if (counts.length) metadata[SEVERITIES_KEY] = counts.join(",");
  return metadata;
}

export interface MetadataSummary {
  first?: number;
  last?: number;
  severities: Partial<Record<Severity, number>>;
  /** The object carries our summary keys (else: published by someone else, e.g. a real Trove). */
  indexed: boolean;
}

const time = (value: string | undefined) => {
  const parsed = value === undefined ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
};

export function readSummaryMetadata(metadata: Metadata): MetadataSummary {
  const severities: Partial<Record<Severity, number>> = {};
  for (const pair of (metadata[SEVERITIES_KEY] ?? "").split(",")) {
    const [name, count] = pair.split("=");
    const severity = severitySchema.safeParse(name);
    if (severity.success && Number.isInteger(Number(count))) severities[severity.data] = Number(count);
  }
  const first = time(metadata[FIRST_TIME_KEY]);
  const last = time(metadata[LAST_TIME_KEY]);
  return { first, last, severities, indexed: metadata[TIME_INDEXED_KEY] === "1" };
}
