import "server-only";

import { containerNotFound } from "./local-containers";
import type { LocalIndex, ObjectRow } from "./local-index";
import { ObjectExistsError, ObjectStoreError, type ObjectInfo } from "./object-store";
import { formatSwiftTimestamp } from "./swift-time";

type ObjectKey = { account: string; container: string; name: string };

export const objectNotFound = ({ container, name }: ObjectKey) =>
  new ObjectStoreError(404, `Object ${container}/${name} not found`);

/** Whether a row is an object nobody can see any more (its delete-at passed, not yet swept). */
export const isExpiredRow = (row: ObjectRow, nowSeconds: number) =>
  row.delete_at !== null && row.delete_at <= nowSeconds;

/**
 * Points the object's row at a freshly written blob, in one transaction. The timestamp comes from
 * `clock` but is always later than the replaced version's, even one written by another process.
 * Returns the new row and the replaced one (whose blob the caller unlinks). With `createOnly` (set to
 * the time now, in seconds) a live row of the name wins: nothing changes and ObjectExistsError is
 * thrown; the check and the write are one immediate transaction, so of racing creates one wins.
 */
export function commitObjectRow(
  index: LocalIndex,
  clock: () => number,
  fields: Omit<ObjectRow, "modified_us">,
  createOnly?: { nowSeconds: number },
): { row: ObjectRow; replaced?: ObjectRow } {
  return index.db
    .transaction(() => {
      if (!index.getContainer.get(fields)) throw containerNotFound(fields.container);
      const replaced = index.getObject.get(fields);
      if (createOnly && replaced && !isExpiredRow(replaced, createOnly.nowSeconds)) {
        throw new ObjectExistsError(fields.container, fields.name);
      }
      const row = { ...fields, modified_us: Math.max(clock(), (replaced?.modified_us ?? 0) + 1) };
      index.upsertObject.run(row);
      return { row, replaced };
    })
    .immediate();
}

/** Deletes the object's row (expired or not) and returns it, for the caller to unlink its blob. */
export function takeObjectRow(index: LocalIndex, key: ObjectKey): ObjectRow | undefined {
  return index.db
    .transaction(() => {
      const row = index.getObject.get(key);
      if (row) index.deleteObject.run(key);
      return row;
    })
    .immediate();
}

export function toObjectInfo(row: ObjectRow): ObjectInfo {
  return {
    name: row.name,
    bytes: row.bytes,
    etag: row.etag,
    contentType: row.content_type,
    lastModified: formatSwiftTimestamp(row.modified_us),
    metadata: JSON.parse(row.metadata),
    ...(row.delete_at !== null && { deleteAt: row.delete_at }),
  };
}
