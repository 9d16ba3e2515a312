import "server-only";

import { MAX_LISTING_LIMIT, ObjectStoreError, type ListOptions, type Metadata } from "./object-store";

// Swift's default constraints (swift/common/constraints.py).
export const MAX_NAME_BYTES = { account: 256, container: 256, object: 1024 } as const;
const MAX_META_NAME_BYTES = 128;
const MAX_META_VALUE_BYTES = 256;
const MAX_META_COUNT = 90;
const MAX_META_OVERALL_BYTES = 4096;
const META_KEY = /^[A-Za-z0-9_-]+$/;
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;

const bad = (message: string) => new ObjectStoreError(400, message);
const byteLength = (value: string) => Buffer.byteLength(value, "utf8");

function checkName(kind: keyof typeof MAX_NAME_BYTES, name: string): void {
  if (typeof name !== "string" || name.length === 0) throw bad(`The ${kind} name must not be empty`);
  if (!name.isWellFormed() || name.includes("\0")) throw bad(`The ${kind} name is not valid UTF-8 text`);
  if (byteLength(name) > MAX_NAME_BYTES[kind]) {
    throw bad(`The ${kind} name is longer than ${MAX_NAME_BYTES[kind]} bytes`);
  }
  if (kind !== "object" && name.includes("/")) throw bad(`The ${kind} name must not contain "/"`);
}

export function checkContainerPath(account: string, container: string): void {
  checkName("account", account);
  checkName("container", container);
}

export function checkObjectPath(account: string, container: string, name: string): void {
  checkContainerPath(account, container);
  checkName("object", name);
}

/**
 * Lower-cases and validates metadata keys and values. Empty values are kept (they mean "remove" in a
 * merge); call `checkMetadataSize` on the final metadata.
 */
export function normalizeMetadata(metadata: Metadata | undefined): Metadata {
  const result: Metadata = {};
  for (const [rawKey, value] of Object.entries(metadata ?? {})) {
    if (!META_KEY.test(rawKey)) throw bad(`Invalid metadata key "${rawKey}"`);
    if (typeof value !== "string" || FORBIDDEN_IN_VALUE.test(value) || !value.isWellFormed()) {
      throw bad(`Invalid value for metadata key "${rawKey}"`);
    }
    const key = rawKey.toLowerCase();
    if (byteLength(key) > MAX_META_NAME_BYTES) throw bad(`Metadata key "${rawKey}" is too long`);
    if (byteLength(value) > MAX_META_VALUE_BYTES) throw bad(`Metadata value for "${rawKey}" is too long`);
    result[key] = value;
  }
  return result;
}

export function checkMetadataSize(metadata: Metadata): void {
  const entries = Object.entries(metadata);
  if (entries.length > MAX_META_COUNT) throw bad(`More than ${MAX_META_COUNT} metadata keys`);
  const total = entries.reduce((sum, [key, value]) => sum + byteLength(key) + byteLength(value), 0);
  if (total > MAX_META_OVERALL_BYTES) throw bad(`Metadata is larger than ${MAX_META_OVERALL_BYTES} bytes`);
}

/** Applies a metadata update the Swift way: set the given keys, and remove those with an empty value. */
export function mergeMetadata(current: Metadata, update: Metadata): Metadata {
  const merged: Metadata = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === "") delete merged[key];
    else merged[key] = value;
  }
  checkMetadataSize(merged);
  return merged;
}

export function checkListOptions(options: ListOptions): number {
  for (const key of ["prefix", "delimiter", "marker", "endMarker"] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== "string" || !value.isWellFormed() || value.includes("\0"))) {
      throw bad(`Invalid listing ${key}`);
    }
  }
  return checkListingLimit(options.limit);
}

export function checkListingLimit(limit: number | undefined): number {
  if (limit === undefined) return MAX_LISTING_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LISTING_LIMIT) {
    throw bad(`The listing limit must be an integer from 1 to ${MAX_LISTING_LIMIT}`);
  }
  return limit;
}

export function checkDeleteAfter(deleteAfter: number | undefined): void {
  if (deleteAfter === undefined) return;
  if (!Number.isSafeInteger(deleteAfter) || deleteAfter < 0) {
    throw bad("deleteAfter must be a non-negative whole number of seconds");
  }
}

export function checkContentType(contentType: string | undefined): string | undefined {
  if (contentType === undefined || contentType === "") return undefined;
  if (FORBIDDEN_IN_VALUE.test(contentType) || !contentType.isWellFormed() || byteLength(contentType) > 256) {
    throw bad("Invalid content type");
  }
  return contentType;
}
