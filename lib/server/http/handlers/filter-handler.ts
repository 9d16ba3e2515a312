import "server-only";
import { chooseFormat } from "@/lib/log-format";
import { logFilterQuerySchema, type LogFilterEvent } from "@/lib/schemas/log-filter";
import { logParamsSchema } from "@/lib/schemas/route-params";
import type { Scope } from "@/lib/paths";
import { filterLog, type FilterRequest } from "@/lib/server/log-reader/filter";
import { searchService } from "@/lib/server/log-reader/search-service";
import { parseWith } from "../request-guards";
import { sessionRoute } from "../route";
import { checkSearch, scanResponse } from "./search-response";

/**
 * `GET …/log/{name}/filter`: the lines of the whole published log that match, whole entries with
 * context, as NDJSON. Shares the search's workers, time budget and per-user slots (429 when busy).
 */
export const filterHandler = (scope: Scope) =>
  sessionRoute({ params: logParamsSchema, adminOnly: scope === "admin" }, async (context) => {
    const { runtime, caller, params, request } = context;
    const query = parseWith(
      logFilterQuerySchema,
      Object.fromEntries(new URL(request.url).searchParams),
      "query",
    );
    const filter: FilterRequest = {
      query: query.q,
      regex: query.regex === "1",
      caseSensitive: query.case === "1",
      levels: query.level,
      context: query.context,
      limit: query.limit,
    };
    if (filter.query) checkSearch({ ...filter, limit: 1 });
    const [log, instance] = await Promise.all([
      runtime.backend.openPublishedLog(caller, params.id, params.name),
      runtime.backend.getInstance(caller, params.id),
    ]);
    const format = chooseFormat(instance.datastore.type, params.name);
    return scanResponse<LogFilterEvent>(
      (signal) => filterLog(log, filter, { pool: searchService().pool, signal, format }),
      caller.userId,
      request.signal,
    );
  });
