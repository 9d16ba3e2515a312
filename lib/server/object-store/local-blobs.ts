import "server-only";

import { createHash, randomUUID } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import path from "node:path";

import { ensurePrivateDir, makePrivateDir, PRIVATE_FILE_MODE } from "@/lib/server/private-paths";

import type { ObjectBody } from "./object-store";

/**
 * Ids of blobs being written by this process, from the tmp file until the index row commits.
 * Shared by all store instances in the process so that no sweep removes them.
 */
export const blobsInFlight = new Set<string>();

const STAGING_BYTES = 256 * 1024;

export interface BlobLayout {
  tmpDir: string;
  blobsDir: string;
  tmpPath(id: string): string;
  blobPath(id: string): string;
  /** Creates the blob's shard directory (`blobs/<2 hex>`) if needed. */
  ensureShard(id: string): Promise<void>;
}

export function createBlobLayout(dir: string): BlobLayout {
  const tmpDir = path.join(dir, "tmp");
  const blobsDir = path.join(dir, "blobs");
  ensurePrivateDir(tmpDir);
  ensurePrivateDir(blobsDir);
  const shards = new Set<string>();
  return {
    tmpDir,
    blobsDir,
    tmpPath: (id) => path.join(tmpDir, id),
    blobPath: (id) => path.join(blobsDir, id.slice(0, 2), id),
    async ensureShard(id) {
      const shard = id.slice(0, 2);
      if (shards.has(shard)) return;
      await makePrivateDir(path.join(blobsDir, shard));
      shards.add(shard);
    },
  };
}

async function* chunksOf(body: ObjectBody): AsyncIterable<Uint8Array> {
  if (typeof body === "string") yield Buffer.from(body, "utf8");
  else if (body instanceof Uint8Array) yield body;
  else {
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    }
  }
}

/**
 * Streams a body into `tmp/<id>` (md5 and size computed on the way, small chunks coalesced, nothing
 * else held in memory), fsyncs it and renames it to its blob path. The caller owns `blobsInFlight`
 * membership and must remove the blob if it does not commit a row for it.
 */
export async function writeBlob(
  layout: BlobLayout,
  body: ObjectBody,
): Promise<{ id: string; bytes: number; etag: string }> {
  const id = randomUUID();
  blobsInFlight.add(id);
  const tmp = layout.tmpPath(id);
  const md5 = createHash("md5");
  let bytes = 0;
  try {
    const handle = await open(tmp, "wx", PRIVATE_FILE_MODE);
    try {
      const staging = Buffer.allocUnsafe(STAGING_BYTES);
      let staged = 0;
      const flush = async () => {
        if (staged > 0) await writeFully(handle, staging.subarray(0, staged));
        staged = 0;
      };
      for await (const chunk of chunksOf(body)) {
        md5.update(chunk);
        bytes += chunk.byteLength;
        if (staged + chunk.byteLength <= STAGING_BYTES) {
          staging.set(chunk, staged);
          staged += chunk.byteLength;
          continue;
        }
        await flush();
        if (chunk.byteLength < STAGING_BYTES / 4) {
          staging.set(chunk, 0);
          staged = chunk.byteLength;
        } else {
          await writeFully(handle, chunk);
        }
      }
      await flush();
      await handle.sync();
    } finally {
      await handle.close();
    }
    await layout.ensureShard(id);
    await rename(tmp, layout.blobPath(id));
    return { id, bytes, etag: md5.digest("hex") };
  } catch (error) {
    blobsInFlight.delete(id);
    await removeQuietly(tmp);
    throw error;
  }
}

async function writeFully(handle: Awaited<ReturnType<typeof open>>, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/** Unlinks a file, ignoring one that is already gone. */
export async function removeQuietly(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
