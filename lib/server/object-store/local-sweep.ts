import "server-only";

import { readdir, stat } from "node:fs/promises";
import path from "node:path";

import { blobsInFlight, removeQuietly, type BlobLayout } from "./local-blobs";
import type { LocalIndex } from "./local-index";

export interface SweepOptions {
  /**
   * Leftover files younger than this are kept: another process may be between writing a blob and
   * committing its row. Default 15 minutes; tests pass 0.
   */
  graceMs?: number;
}

export interface SweepResult {
  expiredObjects: number;
  tmpFiles: number;
  orphanBlobs: number;
}

export const DEFAULT_SWEEP_GRACE_MS = 15 * 60 * 1000;
const EXPIRY_BATCH = 500;

/**
 * Removes expired objects (rows, then their blobs), tmp files left by interrupted puts, and blobs
 * that no row references (a crash between the blob rename and the row commit, or before an old
 * blob's unlink). Expiry uses the store's clock (`nowMs`), file ages the wall clock. `isClosed` stops the sweep early when the store is closed meanwhile.
 */
export async function sweepStore(
  index: LocalIndex,
  layout: BlobLayout,
  nowMs: number,
  options: SweepOptions & { isClosed: () => boolean },
): Promise<SweepResult> {
  const result: SweepResult = { expiredObjects: 0, tmpFiles: 0, orphanBlobs: 0 };
  const takeExpired = index.db.transaction(() => {
    const rows = index.expiredBatch.all({ now: nowMs / 1000, limit: EXPIRY_BATCH });
    for (const row of rows) index.deleteObject.run(row);
    return rows;
  });
  for (;;) {
    if (options.isClosed()) return result;
    const rows = takeExpired.immediate();
    for (const row of rows) await removeQuietly(layout.blobPath(row.blob));
    result.expiredObjects += rows.length;
    if (rows.length < EXPIRY_BATCH) break;
  }

  const oldEnough = async (file: string) => {
    try {
      return Date.now() - (await stat(file)).mtimeMs >= (options.graceMs ?? DEFAULT_SWEEP_GRACE_MS);
    } catch {
      return false; // vanished meanwhile
    }
  };
  for (const id of await readdir(layout.tmpDir)) {
    if (options.isClosed()) return result;
    if (blobsInFlight.has(id) || !(await oldEnough(layout.tmpPath(id)))) continue;
    await removeQuietly(layout.tmpPath(id));
    result.tmpFiles += 1;
  }
  for (const shard of await readdir(layout.blobsDir)) {
    for (const id of await readdir(path.join(layout.blobsDir, shard)).catch(() => [])) {
      if (options.isClosed()) return result;
      const file = path.join(layout.blobsDir, shard, id);
      const inUse = () => blobsInFlight.has(id) || index.blobReferenced.get(id) !== undefined;
      if (inUse() || !(await oldEnough(file))) continue;
      if (options.isClosed() || inUse()) continue; // looked up again: a row may have committed meanwhile
      await removeQuietly(file);
      result.orphanBlobs += 1;
    }
  }
  return result;
}
