import "server-only";
import { availableParallelism } from "node:os";
import { env } from "@/lib/env";
import { ScanPool } from "./search-pool";
import { SearchSlots } from "./search-slots";

/** The process's search machinery: the scanning workers and the caps on concurrent searches. */
export interface SearchService {
  pool: ScanPool;
  slots: SearchSlots;
}

// Next bundles each route separately: one pool and one set of caps per process, through globalThis.
const holder = globalThis as typeof globalThis & { __troveLogsSearch?: SearchService };

export function searchService(): SearchService {
  if (!holder.__troveLogsSearch) {
    const settings = env();
    holder.__troveLogsSearch = {
      pool: new ScanPool({
        // One core stays with the event loop (tails, downloads, the pages) when there are several.
        size: settings.TROVE_LOGS_SEARCH_WORKERS ?? Math.max(1, availableParallelism() - 1),
        budgetMs: settings.TROVE_LOGS_SEARCH_PIECE_TIMEOUT * 1000,
      }),
      slots: new SearchSlots({
        perUser: settings.TROVE_LOGS_SEARCH_PER_USER,
        running: settings.TROVE_LOGS_SEARCH_RUNNING,
        queue: settings.TROVE_LOGS_SEARCH_QUEUE,
      }),
    };
  }
  return holder.__troveLogsSearch;
}
