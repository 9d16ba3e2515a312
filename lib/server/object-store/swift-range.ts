import "server-only";

import type { IncomingHttpHeaders } from "node:http";

import { ObjectStoreError, type ByteRange } from "./object-store";
import { parseContentRange } from "./swift-headers";

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * The Range header for a requested range, checked as the local store checks it (400 for a malformed one).
 * `{suffix: 0}` has no HTTP form that Swift reliably refuses; the caller answers it with a 416 itself.
 */
export function rangeHeader(range: ByteRange | undefined): string | undefined {
  if (range === undefined) return undefined;
  if ("suffix" in range) {
    if (!isCount(range.suffix)) throw new ObjectStoreError(400, "Invalid byte range");
    return `bytes=-${range.suffix}`;
  }
  const { start, end } = range;
  if (!isCount(start) || (end !== undefined && (!isCount(end) || end < start))) {
    throw new ObjectStoreError(400, "Invalid byte range");
  }
  return `bytes=${start}-${end ?? ""}`;
}

/** Start, end and the object's full size from a GET answer (206 with Content-Range, or a whole 200). */
export function servedRange(
  status: number,
  headers: IncomingHttpHeaders,
): { start: number; end: number; size: number } {
  if (status === 206) {
    const { start, end, total } = parseContentRange(headers["content-range"]);
    if (start !== undefined && end !== undefined && total !== undefined) return { start, end, size: total };
    throw new ObjectStoreError(502, `Swift sent a partial answer without a usable Content-Range`);
  }
  const size = Number(headers["content-length"]);
  if (!Number.isSafeInteger(size))
    throw new ObjectStoreError(502, "Swift did not say how large the object is");
  return { start: 0, end: size - 1, size };
}
