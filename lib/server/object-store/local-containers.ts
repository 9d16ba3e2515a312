import "server-only";

import type { LocalIndex } from "./local-index";
import { ObjectStoreError, type ContainerInfo, type Metadata } from "./object-store";
import { mergeMetadata } from "./validation";

type Scope = { account: string; container: string };

export const containerNotFound = (container: string) =>
  new ObjectStoreError(404, `Container ${container} not found`);

/** Creates the container (when `create`) or 404s, and merges `update` into its metadata. */
export function updateContainer(index: LocalIndex, scope: Scope, update: Metadata, create: boolean): void {
  index.db
    .transaction(() => {
      const row = index.getContainer.get(scope);
      if (!row && !create) throw containerNotFound(scope.container);
      const metadata = mergeMetadata(row ? JSON.parse(row.metadata) : {}, update);
      index.upsertContainer.run({ ...scope, metadata: JSON.stringify(metadata) });
    })
    .immediate();
}

/** Live (unexpired) object count and bytes, and metadata. */
export function readContainer(index: LocalIndex, scope: Scope, now: number): ContainerInfo {
  const row = index.getContainer.get(scope);
  if (!row) throw containerNotFound(scope.container);
  const stats = index.containerStats.get({ ...scope, now });
  return { objectCount: stats?.count ?? 0, bytesUsed: stats?.bytes ?? 0, metadata: JSON.parse(row.metadata) };
}

/**
 * Deletes the container when no live object remains; expired rows are removed on the way (the caller
 * unlinks the returned blobs, also when the result is an error status).
 */
export function deleteContainerRow(
  index: LocalIndex,
  scope: Scope,
  now: number,
): { status: 204 | 404 | 409; expiredBlobs: string[] } {
  return index.db
    .transaction(() => {
      const withNow = { ...scope, now };
      if (!index.getContainer.get(scope)) return { status: 404 as const, expiredBlobs: [] };
      const expired = index.expiredInContainer.all(withNow);
      for (const { name } of expired) index.deleteObject.run({ ...scope, name });
      const expiredBlobs = expired.map((row) => row.blob);
      if (index.hasLiveObject.get(withNow)) return { status: 409 as const, expiredBlobs };
      index.deleteContainer.run(scope);
      return { status: 204 as const, expiredBlobs };
    })
    .immediate();
}
