import "server-only";

import {
  ObjectStoreError,
  type ListOptions,
  type ListPage,
  type ObjectEntry,
  type SubdirEntry,
} from "./object-store";
import { readBody } from "./swift-body";
import type { SwiftClient } from "./swift-client";
import { checkListOptions } from "./validation";

/** A JSON listing of 10,000 long names stays well below this. */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;

type RawEntry =
  | { subdir: string }
  | { name: string; bytes: number; hash: string; content_type: string; last_modified: string };

const nonEmpty = (value: string | undefined) => (value ? value : undefined);

/** One page of a container listing (`format=json`), in the shapes the local store returns. */
export async function listContainerPage(
  client: SwiftClient,
  path: string,
  container: string,
  options: ListOptions,
): Promise<ListPage> {
  // Checked here, not by Swift: it answers 412 for a limit above 10,000 and ignores others silently.
  const limit = checkListOptions(options);
  const response = await client.expect(
    {
      method: "GET",
      path,
      query: {
        format: "json",
        limit: String(limit),
        prefix: nonEmpty(options.prefix),
        delimiter: nonEmpty(options.delimiter),
        marker: nonEmpty(options.marker),
        end_marker: nonEmpty(options.endMarker),
        reverse: options.reverse ? "true" : undefined,
      },
      headers: { accept: "application/json" },
    },
    { kind: "container", container },
  );
  const text = await readBody(response.body, MAX_LISTING_BYTES);
  const raw = response.status === 204 || text.length === 0 ? [] : parse(text);
  const entries = raw.map(toEntry);
  const last = entries.at(-1);
  const full = entries.length === limit && last !== undefined;
  return full ? { entries, nextMarker: last.kind === "object" ? last.name : last.subdir } : { entries };
}

function parse(text: Buffer): RawEntry[] {
  try {
    const value: unknown = JSON.parse(text.toString("utf8"));
    if (Array.isArray(value)) return value as RawEntry[];
  } catch {
    // fall through
  }
  throw new ObjectStoreError(502, "Swift sent a container listing that is not a JSON array");
}

function toEntry(raw: RawEntry): ObjectEntry | SubdirEntry {
  if ("subdir" in raw) return { kind: "subdir", subdir: raw.subdir };
  return {
    kind: "object",
    name: raw.name,
    bytes: raw.bytes,
    hash: raw.hash,
    contentType: raw.content_type,
    lastModified: normalizeListingTime(raw.last_modified),
  };
}

/** Always six fractional digits, as the local store writes them. */
function normalizeListingTime(value: string): string {
  const [whole, fraction = ""] = value.split(".");
  return `${whole}.${fraction.padEnd(6, "0").slice(0, 6)}`;
}
