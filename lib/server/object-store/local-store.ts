import "server-only";

import { open } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

import { ensurePrivateDir } from "@/lib/server/private-paths";
import { resolveByteRange } from "./byte-range";
import { containerNotFound, deleteContainerRow, readContainer, updateContainer } from "./local-containers";
import { blobsInFlight, createBlobLayout, removeQuietly, writeBlob, type BlobLayout } from "./local-blobs";
import { openIndexDatabase, prepareIndex, type LocalIndex, type ObjectRow } from "./local-index";
import { commitObjectRow, isExpiredRow, objectNotFound, takeObjectRow, toObjectInfo } from "./local-objects";
import { diskFailure } from "./local-errors";
import { listPage } from "./local-listing";
import { withErrorsMapped } from "./map-errors";
import { sweepStore, type SweepOptions, type SweepResult } from "./local-sweep";
import {
  ObjectExistsError,
  ObjectStoreError,
  type ByteRange,
  type ContainerInfo,
  type ListOptions,
  type ListPage,
  type Metadata,
  type ObjectBody,
  type ObjectInfo,
  type ObjectRead,
  type ObjectStore,
  type PutOptions,
} from "./object-store";
import { createMonotonicMicroClock } from "./swift-time";
import * as check from "./validation";

export interface LocalObjectStore extends ObjectStore {
  /** Waits for a running sweep, then closes the index. The store is unusable afterwards. */
  close(): Promise<void>;
  /** Removes expired objects, tmp files of interrupted puts and unreferenced blobs (see `sweepStore`). */
  sweep(options?: SweepOptions): Promise<SweepResult>;
}

/**
 * The embedded object store: listings and metadata in `dir/index.sqlite`, object bytes in
 * `dir/blobs/<2 hex>/<uuid>`, written through `dir/tmp/`. Several stores (and processes) may share a dir.
 * `now` (Unix milliseconds) drives timestamps and expiry. Directories are 0700 and files 0600 (the logs
 * are private); a full disk fails with 507, other disk errors with 503 (see local-errors.ts).
 */
export function createLocalObjectStore({ dir, now }: { dir: string; now?: () => number }): LocalObjectStore {
  const store = new LocalStore(dir, now ?? (() => performance.timeOrigin + performance.now()));
  return withErrorsMapped(store, diskFailure);
}

const DEFAULT_CONTENT_TYPE = "application/octet-stream";
/** Bytes per file read: 1 MB reads cost the event loop and the thread pool a fraction of 64 KB ones. */
const READ_CHUNK = 1024 * 1024;

class LocalStore implements LocalObjectStore {
  private readonly index: LocalIndex;
  private readonly layout: BlobLayout;
  private readonly clock: () => number;
  private readonly openingSweep: ReturnType<typeof setTimeout>;
  private sweeping: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    dir: string,
    private readonly now: () => number,
  ) {
    ensurePrivateDir(dir);
    this.layout = createBlobLayout(dir);
    this.index = prepareIndex(openIndexDatabase(path.join(dir, "index.sqlite")));
    this.clock = createMonotonicMicroClock(now);
    this.openingSweep = setTimeout(() => this.sweep().catch(() => undefined), 0);
    this.openingSweep.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.openingSweep);
    await this.sweeping.catch(() => undefined);
    this.index.db.close();
  }

  async sweep(options: SweepOptions = {}): Promise<SweepResult> {
    if (this.closed) throw new Error("The object store is closed");
    const run = this.sweeping
      .catch(() => undefined)
      .then(() =>
        sweepStore(this.index, this.layout, this.now(), { ...options, isClosed: () => this.closed }),
      );
    this.sweeping = run;
    return run;
  }

  async putContainer(account: string, container: string, options?: { metadata?: Metadata }): Promise<void> {
    check.checkContainerPath(account, container);
    updateContainer(this.index, { account, container }, check.normalizeMetadata(options?.metadata), true);
  }

  async postContainer(account: string, container: string, metadata: Metadata): Promise<void> {
    check.checkContainerPath(account, container);
    updateContainer(this.index, { account, container }, check.normalizeMetadata(metadata), false);
  }

  async headContainer(account: string, container: string): Promise<ContainerInfo> {
    check.checkContainerPath(account, container);
    return readContainer(this.index, { account, container }, this.nowSeconds());
  }

  async deleteContainer(account: string, container: string): Promise<void> {
    check.checkContainerPath(account, container);
    const outcome = deleteContainerRow(this.index, { account, container }, this.nowSeconds());
    await Promise.all(outcome.expiredBlobs.map((blob) => this.removeBlob(blob)));
    if (outcome.status === 404) throw containerNotFound(container);
    if (outcome.status === 409) throw new ObjectStoreError(409, `Container ${container} is not empty`);
  }

  async listObjects(account: string, container: string, options: ListOptions = {}): Promise<ListPage> {
    check.checkContainerPath(account, container);
    const limit = check.checkListOptions(options);
    const scope = { account, container, now: this.nowSeconds() };
    return this.index.db.transaction(() => {
      if (!this.index.getContainer.get(scope)) throw containerNotFound(container);
      return listPage(this.index, scope, options, limit);
    })();
  }

  async putObject(
    account: string,
    container: string,
    name: string,
    body: ObjectBody,
    options: PutOptions = {},
  ): Promise<ObjectInfo> {
    check.checkObjectPath(account, container, name);
    const metadata = check.mergeMetadata({}, check.normalizeMetadata(options.metadata));
    const contentType = check.checkContentType(options.contentType) ?? DEFAULT_CONTENT_TYPE;
    check.checkDeleteAfter(options.deleteAfter);
    const deleteAt =
      options.deleteAfter === undefined ? null : Math.floor(this.nowSeconds() + options.deleteAfter);
    if (!this.index.getContainer.get({ account, container })) throw containerNotFound(container);
    const createOnly = options.ifNoneMatch === "*";
    // As Swift answers 412 before the body: a taken name costs no write (the commit checks again).
    if (createOnly && this.findLive(account, container, name)) throw new ObjectExistsError(container, name);

    const blob = await writeBlob(this.layout, body);
    if (options.etag !== undefined && options.etag !== blob.etag) {
      await this.removeBlob(blob.id);
      // As Swift's 422 comes back from the Swift store: the bytes are not what the caller hashed.
      throw new ObjectStoreError(
        502,
        `The bytes of ${container}/${name} do not match the ETag sent with them`,
      );
    }
    let committed: ReturnType<typeof commitObjectRow>;
    try {
      const fields = {
        ...{ account, container, name, blob: blob.id, bytes: blob.bytes, etag: blob.etag },
        ...{ content_type: contentType, delete_at: deleteAt, metadata: JSON.stringify(metadata) },
      };
      const onlyIfAbsent = createOnly ? { nowSeconds: this.nowSeconds() } : undefined;
      committed = commitObjectRow(this.index, this.clock, fields, onlyIfAbsent);
    } catch (error) {
      await this.removeBlob(blob.id);
      throw error;
    } finally {
      blobsInFlight.delete(blob.id);
    }
    const { row, replaced } = committed;
    options.onOrdered?.(); // its upload time was taken at the commit
    if (replaced && replaced.blob !== blob.id) await this.removeBlob(replaced.blob);
    return toObjectInfo(row);
  }

  async headObject(account: string, container: string, name: string): Promise<ObjectInfo> {
    check.checkObjectPath(account, container, name);
    return toObjectInfo(this.liveObject(account, container, name));
  }

  async getObject(
    account: string,
    container: string,
    name: string,
    options: { range?: ByteRange } = {},
  ): Promise<ObjectRead> {
    check.checkObjectPath(account, container, name);
    let previousBlob: string | undefined;
    for (;;) {
      const row = this.liveObject(account, container, name);
      const { start, end } = resolveByteRange(options.range, row.bytes);
      if (end < start) return { info: toObjectInfo(row), start, end, body: Readable.from([]) };
      try {
        const handle = await open(this.layout.blobPath(row.blob), "r");
        return {
          info: toObjectInfo(row),
          start,
          end,
          body: handle.createReadStream({ start, end, highWaterMark: READ_CHUNK }),
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        // Replaced or deleted between the lookup and the open: look again, unless nothing changed.
        if (row.blob === previousBlob) throw objectNotFound({ account, container, name });
        previousBlob = row.blob;
      }
    }
  }

  async deleteObject(account: string, container: string, name: string): Promise<void> {
    check.checkObjectPath(account, container, name);
    const row = takeObjectRow(this.index, { account, container, name });
    if (row) await this.removeBlob(row.blob);
    if (!row || this.isExpired(row)) throw objectNotFound({ account, container, name });
  }

  private liveObject(account: string, container: string, name: string): ObjectRow {
    const row = this.findLive(account, container, name);
    if (!row) throw objectNotFound({ account, container, name });
    return row;
  }

  private findLive(account: string, container: string, name: string): ObjectRow | undefined {
    const row = this.index.getObject.get({ account, container, name });
    return row && !this.isExpired(row) ? row : undefined;
  }

  private isExpired(row: ObjectRow): boolean {
    return isExpiredRow(row, this.nowSeconds());
  }

  private nowSeconds(): number {
    return this.now() / 1000;
  }

  private async removeBlob(id: string): Promise<void> {
    await removeQuietly(this.layout.blobPath(id)).catch(() => undefined); // a sweep retries later
  }
}
