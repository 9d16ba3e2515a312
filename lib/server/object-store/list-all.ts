import "server-only";

import type { ListOptions, ObjectEntry, ObjectStore, SubdirEntry } from "./object-store";

/**
 * Every entry of a listing, page by page (`options.limit` is the page size, `options.marker` where to
 * start). Follows `nextMarker` until a page comes back without one, so nothing is silently dropped
 * at the 10,000-entry page limit. Entries may be deleted while iterating.
 */
export async function* listAllObjects(
  store: ObjectStore,
  account: string,
  container: string,
  options: ListOptions = {},
): AsyncGenerator<ObjectEntry | SubdirEntry> {
  let marker = options.marker;
  for (;;) {
    const page = await store.listObjects(account, container, { ...options, marker });
    yield* page.entries;
    if (page.nextMarker === undefined) return;
    if (page.nextMarker === marker) {
      throw new Error(`Listing of ${container} did not advance past marker ${JSON.stringify(marker)}`);
    }
    marker = page.nextMarker;
  }
}
