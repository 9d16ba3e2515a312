import "server-only";
import type { Instance } from "@/lib/schemas/instance";
import { TroveFault } from "./faults";

/** Trove's instances_page_size: the most one page holds, whatever `limit` asks. */
const PAGE_SIZE = 20;

/**
 * One page of `GET /instances` as Trove pages it: by id, those after `marker`, at most
 * min(limit, 20) (`limit` 0 or none: 20); `next` is the request's URL with the last id as marker
 * when more follow. A `limit` that is not a whole number: 400 (Trove fails on it with a 500).
 */
export function instancePage(
  request: Request,
  baseUrl: string,
  instances: Instance[],
): { instances: Instance[]; next?: string } {
  const requested = new URL(request.url);
  const url = new URL(`${requested.pathname}${requested.search}`, baseUrl);
  const limitText = url.searchParams.get("limit");
  const marker = url.searchParams.get("marker") ?? "";
  if (limitText !== null && !/^\s*[+-]?\d+\s*$/.test(limitText)) {
    throw new TroveFault(400, `limit must be a whole number, not '${limitText.slice(0, 40)}'.`);
  }
  const limit = Math.min(Number(limitText ?? 0) || PAGE_SIZE, PAGE_SIZE);
  const after = instances
    .filter((instance) => instance.id > marker)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (limit < 0 || after.length <= limit) return { instances: after };
  const page = after.slice(0, limit);
  url.searchParams.set("marker", page[page.length - 1]!.id);
  return { instances: page, next: url.toString() };
}
