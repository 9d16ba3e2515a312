import "server-only";

import type { LocalIndex, NameBound } from "./local-index";
import type { ListOptions, ListPage, ObjectEntry, SubdirEntry } from "./object-store";
import { formatSwiftTimestamp } from "./swift-time";
import { compareUtf8, prefixSuccessor } from "./utf8-order";

/** The tighter of two lower bounds (or upper bounds when `upper`), in UTF-8 byte order. */
function tighter(a: NameBound | undefined, b: NameBound | undefined, upper: boolean): NameBound | undefined {
  if (!a) return b;
  if (!b) return a;
  const order = compareUtf8(a.value, b.value);
  if (order === 0) return a.inclusive ? b : a;
  return order > 0 === upper ? b : a;
}

function isEmptyRange(lower: NameBound | undefined, upper: NameBound | undefined): boolean {
  if (!lower || !upper) return false;
  const order = compareUtf8(lower.value, upper.value);
  return order > 0 || (order === 0 && !(lower.inclusive && upper.inclusive));
}

/**
 * One listing page with Swift's semantics. With a delimiter, each common prefix is reported once as a
 * subdir, and the scan restarts past it instead of walking the names underneath.
 */
export function listPage(
  index: LocalIndex,
  scope: { account: string; container: string; now: number },
  options: ListOptions,
  limit: number,
): ListPage {
  const { prefix = "", delimiter, marker, endMarker, reverse = false } = options;
  const exclusive = (value: string | undefined): NameBound | undefined =>
    value ? { value, inclusive: false } : undefined;
  const prefixEnd = prefix ? prefixSuccessor(prefix) : undefined;
  const prefixLower = prefix ? { value: prefix, inclusive: true } : undefined;
  const prefixUpper = prefixEnd === undefined ? undefined : { value: prefixEnd, inclusive: false };
  let lower = tighter(prefixLower, exclusive(reverse ? endMarker : marker), false);
  let upper = tighter(prefixUpper, exclusive(reverse ? marker : endMarker), true);

  const entries: Array<ObjectEntry | SubdirEntry> = [];
  let scanning = true;
  while (scanning && entries.length < limit && !isEmptyRange(lower, upper)) {
    scanning = false;
    const params = { ...scope, limit: limit - entries.length };
    for (const row of index.scan(params, lower, upper, reverse)) {
      const cut = delimiter ? row.name.indexOf(delimiter, prefix.length) : -1;
      if (cut < 0 || !delimiter) {
        entries.push({
          kind: "object",
          name: row.name,
          bytes: row.bytes,
          hash: row.etag,
          contentType: row.content_type,
          lastModified: formatSwiftTimestamp(row.modified_us),
        });
        continue;
      }
      const subdir = row.name.slice(0, cut + delimiter.length);
      if (subdir !== marker) entries.push({ kind: "subdir", subdir });
      if (reverse) {
        upper = { value: subdir, inclusive: false };
      } else {
        const next = prefixSuccessor(subdir);
        if (next === undefined) break;
        lower = { value: next, inclusive: true };
      }
      scanning = true; // restart the scan past this subdir
      break;
    }
  }

  const last = entries.at(-1);
  const full = entries.length === limit && last !== undefined;
  return full ? { entries, nextMarker: last.kind === "object" ? last.name : last.subdir } : { entries };
}
