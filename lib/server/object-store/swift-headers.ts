import "server-only";

import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

import type { Metadata, ObjectInfo } from "./object-store";
import { formatSwiftTimestamp } from "./swift-time";

export type MetaKind = "object" | "container";

/*
 * Header names cannot tell "_" from "-": WSGI servers (Swift's eventlet included) turn both into "_" in
 * the environ, and Swift hands them back as "-". So "_" in a key travels as "%5F" (a legal header-name
 * character that no valid key contains) and comes back as "_". Keys without "_" are sent unchanged.
 */
const encodeKey = (key: string) => key.replace(/_/g, "%5F");
const decodeKey = (key: string) => key.replace(/%5f/gi, "_");

/** Header values travel as bytes; Node writes and reads header strings as latin1. */
const toWire = (value: string) => Buffer.from(value, "utf8").toString("latin1");
const fromWire = (value: string) => Buffer.from(value, "latin1").toString("utf8");

/** `X-<Kind>-Meta-*` headers for normalized metadata; empty values remove keys (`X-Remove-Container-Meta-*`). */
export function metadataHeaders(kind: MetaKind, metadata: Metadata): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value === "" && kind === "container") headers[`x-remove-container-meta-${encodeKey(key)}`] = "x";
    else if (value !== "") headers[`x-${kind}-meta-${encodeKey(key)}`] = toWire(value);
  }
  return headers;
}

/** Lower-cased keys without the prefix, values as UTF-8. */
export function metadataFrom(kind: MetaKind, headers: IncomingHttpHeaders): Metadata {
  const prefix = `x-${kind}-meta-`;
  const metadata: Metadata = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(prefix) || typeof value !== "string") continue;
    metadata[decodeKey(name.slice(prefix.length))] = fromWire(value);
  }
  return metadata;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The listing's `YYYY-MM-DDTHH:MM:SS.ffffff`: from X-Timestamp (Swift's own timestamp, the one listings
 * show) when present, else from the second-precision Last-Modified date.
 */
export function lastModifiedFrom(headers: IncomingHttpHeaders): string {
  const timestamp = header(headers, "x-timestamp")?.match(/^(\d+)(?:\.(\d{1,6}))?/);
  if (timestamp) {
    const micro = Number(timestamp[1]) * 1_000_000 + Number((timestamp[2] ?? "").padEnd(6, "0"));
    return formatSwiftTimestamp(micro);
  }
  return httpDateToListing(header(headers, "last-modified"));
}

export function httpDateToListing(date: string | undefined): string {
  const ms = date ? Date.parse(date) : NaN;
  const seconds = Math.floor((Number.isNaN(ms) ? Date.now() : ms) / 1000);
  return formatSwiftTimestamp(seconds * 1_000_000);
}

export const unquote = (etag: string | undefined) => (etag ?? "").replace(/^"(.*)"$/, "$1");

/** ObjectInfo from HEAD/GET headers; `bytes` is the object's full size (a 206's Content-Length is not). */
export function objectInfoFrom(name: string, headers: IncomingHttpHeaders, bytes: number): ObjectInfo {
  const deleteAt = Number(header(headers, "x-delete-at"));
  return {
    name,
    bytes,
    etag: unquote(header(headers, "etag")),
    contentType: header(headers, "content-type") ?? "",
    lastModified: lastModifiedFrom(headers),
    metadata: metadataFrom("object", headers),
    ...(header(headers, "x-delete-at") !== undefined && Number.isSafeInteger(deleteAt) && { deleteAt }),
  };
}

/** `bytes 6-10/18` → {start 6, end 10, total 18}; `bytes *\/18` (a 416) → {total 18}. */
export function parseContentRange(value: string | undefined): {
  start?: number;
  end?: number;
  total?: number;
} {
  const match = value?.match(/^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/);
  if (!match) return {};
  const total = match[3] === "*" ? undefined : Number(match[3]);
  if (match[1] === undefined) return { total };
  return { start: Number(match[1]), end: Number(match[2]), total };
}

/** A path segment; object names keep their "/" (Swift splits account/container/object at the first two). */
export const encodeSegment = (value: string) => encodeURIComponent(value);
export const encodeObjectName = (name: string) => encodeURIComponent(name).replace(/%2F/g, "/");
