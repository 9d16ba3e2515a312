import type { Readable } from "node:stream";

/**
 * The storage contract the engine and the log readers need, with Swift's semantics.
 * Accounts are projects (Swift's AUTH_<project_id>), created implicitly on first use.
 * Metadata keys are lower-case and carry no `x-object-meta-` / `x-container-meta-` prefix.
 */
export interface ObjectStore {
  /** Swift PUT container: creates it, or merges the given metadata into an existing one. */
  putContainer(account: string, container: string, options?: { metadata?: Metadata }): Promise<void>;
  /** Swift HEAD container. Throws ObjectStoreError(404) when it does not exist. */
  headContainer(account: string, container: string): Promise<ContainerInfo>;
  /** Swift POST container: sets (merges) metadata; an empty value removes the key. */
  postContainer(account: string, container: string, metadata: Metadata): Promise<void>;
  /** Swift DELETE container: 404 when missing, 409 when it still holds objects. */
  deleteContainer(account: string, container: string): Promise<void>;
  /**
   * One page of a container listing, in UTF-8 byte order of names (reverse when asked).
   * A full page (`limit` entries) always comes back with `nextMarker`; callers page with it.
   */
  listObjects(account: string, container: string, options?: ListOptions): Promise<ListPage>;
  /** Swift PUT object: the object becomes visible whole, or not at all. 404 when the container is missing. */
  putObject(
    account: string,
    container: string,
    name: string,
    body: ObjectBody,
    options?: PutOptions,
  ): Promise<ObjectInfo>;
  /** Swift HEAD object. Throws ObjectStoreError(404) when missing or expired. */
  headObject(account: string, container: string, name: string): Promise<ObjectInfo>;
  /** Swift GET object, optionally one byte range, streamed. 404 when missing, 416 when the range is unsatisfiable. */
  getObject(
    account: string,
    container: string,
    name: string,
    options?: { range?: ByteRange },
  ): Promise<ObjectRead>;
  /** Swift DELETE object. Throws ObjectStoreError(404) when missing. */
  deleteObject(account: string, container: string, name: string): Promise<void>;
}

export type Metadata = Record<string, string>;

export type ObjectBody = Uint8Array | string | AsyncIterable<Uint8Array>;

export interface PutOptions {
  metadata?: Metadata;
  contentType?: string;
  /** Seconds until the object expires (Swift X-Delete-After). */
  deleteAfter?: number;
  /**
   * Called once the object's upload time (`lastModified`) is fixed, before the put resolves: a put
   * started after this sorts after it by upload time, whichever finishes first. troveclient orders a
   * log's objects by upload time, so a publisher may overlap uploads only this way. Swift: when the
   * proxy answers `100 Continue` (it stamps the PUT before). The local store: when it commits.
   */
  onOrdered?: () => void;
  /** The body's md5 (hex) when the caller has it already: not hashed again, and checked (502 if wrong, nothing stored). */
  etag?: string;
  /**
   * Create only (Swift's `If-None-Match: *`): when a live object has the name, nothing is stored and the
   * put fails with ObjectExistsError (412). An expired object counts as gone, as in Swift, where it
   * does so before the object expirer has removed it. Racing create-only puts: the local store lets
   * exactly one win; Swift (2.30, seen here) may accept several that overlap (each object server checks
   * before it writes) and keeps the newest, so a caller that needs one winner reads the object back
   * after the others had time to land (see ObjectStoreLease).
   */
  ifNoneMatch?: "*";
}

export interface ListOptions {
  prefix?: string;
  delimiter?: string;
  /** Only names after this one (before it when reverse). */
  marker?: string;
  /** Only names before this one (after it when reverse). */
  endMarker?: string;
  /** Page size, 1..10000 (Swift's CONTAINER_LISTING_LIMIT); default 10000. */
  limit?: number;
  reverse?: boolean;
}

export interface ObjectEntry {
  kind: "object";
  name: string;
  bytes: number;
  /** md5 hex of the content, as Swift's `hash`. */
  hash: string;
  contentType: string;
  /** Swift's listing format: UTC `YYYY-MM-DDTHH:MM:SS.ffffff`. */
  lastModified: string;
}

export interface SubdirEntry {
  kind: "subdir";
  subdir: string;
}

export interface ListPage {
  entries: Array<ObjectEntry | SubdirEntry>;
  /** Set when the page is full: pass it as `marker` to read the next page. */
  nextMarker?: string;
}

export interface ContainerInfo {
  objectCount: number;
  bytesUsed: number;
  metadata: Metadata;
}

export interface ObjectInfo {
  name: string;
  bytes: number;
  etag: string;
  contentType: string;
  lastModified: string;
  metadata: Metadata;
  /** Unix seconds at which the object expires (Swift X-Delete-At), when set. */
  deleteAt?: number;
}

/** Inclusive byte range as in HTTP: `{start, end}` or `{start}` (to the end) or `{suffix}` (last n bytes). */
export type ByteRange = { start: number; end?: number } | { suffix: number };

export interface ObjectRead {
  info: ObjectInfo;
  /** The bytes actually returned: inclusive `start`..`end` of an object of `info.bytes`. */
  start: number;
  end: number;
  body: Readable;
}

/**
 * A store failure with Swift's status (507: out of space). `message` may reach the person who asked and
 * names no address or file; `detail` is for the server log only (where: URLs, paths, Swift's own words).
 */
export class ObjectStoreError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = "ObjectStoreError";
  }
}

/** A create-only put (`ifNoneMatch: "*"`) found the name taken by a live object: Swift's 412. */
export class ObjectExistsError extends ObjectStoreError {
  constructor(container: string, name: string) {
    super(412, `Object ${container}/${name} already exists`);
  }
}

/** The message every out-of-space failure starts with (local disk full, quota, Swift's 507). */
export const OUT_OF_SPACE = "The object store is out of space";

/**
 * Recognised by name and shape, not instanceof: Next bundles server code per entry point, so the
 * class that threw may be another copy of this one.
 */
export const isObjectStoreError = (error: unknown): error is ObjectStoreError =>
  error instanceof Error &&
  error.name === "ObjectStoreError" &&
  typeof (error as { status?: unknown }).status === "number";

export const isNotFound = (error: unknown): boolean => isObjectStoreError(error) && error.status === 404;

/** A create-only put lost: the name is taken (by status, for the same reason as isObjectStoreError). */
export const isObjectExists = (error: unknown): boolean => isObjectStoreError(error) && error.status === 412;

export const MAX_LISTING_LIMIT = 10_000;
