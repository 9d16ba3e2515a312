import "server-only";

import { ObjectStoreError, type ByteRange } from "./object-store";

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Resolves a requested range against an object of `size` bytes into inclusive `start`..`end`, as HTTP
 * does: `end` is clamped to the last byte, a suffix longer than the object means the whole object.
 * A zero-byte object yields `start 0, end -1`. Throws 416 when nothing can be returned.
 */
export function resolveByteRange(range: ByteRange | undefined, size: number): { start: number; end: number } {
  const whole = { start: 0, end: size - 1 };
  if (range === undefined) return whole;
  if ("suffix" in range) {
    if (!isCount(range.suffix)) throw new ObjectStoreError(400, "Invalid byte range");
    if (range.suffix === 0) throw unsatisfiable(size);
    return { start: Math.max(0, size - range.suffix), end: size - 1 };
  }
  const { start, end } = range;
  if (!isCount(start) || (end !== undefined && (!isCount(end) || end < start))) {
    throw new ObjectStoreError(400, "Invalid byte range");
  }
  if (size === 0) return whole;
  if (start >= size) throw unsatisfiable(size);
  return { start, end: end === undefined ? size - 1 : Math.min(end, size - 1) };
}

const unsatisfiable = (size: number) =>
  new ObjectStoreError(416, `Requested range not satisfiable (object is ${size} bytes)`);
