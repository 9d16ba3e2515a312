import { z } from "zod";
import type { LogViewerUrlState } from "@/lib/paths";
import { instanceIdSchema } from "@/lib/schemas/instance";
import { logNameSchema } from "@/lib/schemas/log";
import { parseUtcTime } from "./utc-time";
import { parseFilterUrl } from "./log-filter-url";

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (params: SearchParams, key: string): string | undefined => {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
};

const lineSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** `N` or a range `N-M` (either order); undefined when malformed. */
function parseLines(value: string | undefined): Pick<LogViewerUrlState, "line" | "lineEnd"> | undefined {
  const [from, to, ...rest] = (value ?? "").split("-");
  const first = lineSchema.safeParse(from);
  if (!first.success || rest.length > 0) return undefined;
  if (to === undefined) return { line: first.data };
  const last = lineSchema.safeParse(to);
  if (!last.success) return undefined;
  const [line, lineEnd] = [Math.min(first.data, last.data), Math.max(first.data, last.data)];
  return lineEnd > line ? { line, lineEnd } : { line };
}

/**
 * The viewer's state from its URL (`?line=N[-M]&t=ISO&q=…&regex=1&case=1&top=N&filter=…&filter_regex=1&filter_case=1&level=…&context=N`);
 * anything malformed is ignored.
 */
export function parseLogViewerUrl(params: SearchParams): LogViewerUrlState {
  const state: LogViewerUrlState = { ...parseLines(first(params, "line")) };
  const t = parseUtcTime(first(params, "t")?.slice(0, 100) ?? "");
  if (t) state.t = t;
  const top = lineSchema.safeParse(first(params, "top"));
  if (top.success) state.top = top.data;
  const q = first(params, "q");
  if (q && q.length <= 1000) {
    state.q = q;
    state.regex = first(params, "regex") === "1";
    state.caseSensitive = first(params, "case") === "1";
  }
  const filter = parseFilterUrl(first(params, "filter"), first(params, "level"), first(params, "context"), {
    regex: first(params, "filter_regex"),
    caseSensitive: first(params, "filter_case"),
  });
  if (filter) state.filter = filter;
  return state;
}

const decode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
};

/** `[id]` and `[name]` of a viewer URL; undefined when they cannot name a log (the page is a 404). */
export function parseLogViewerParams(params: {
  id: string;
  name: string;
}): { id: string; name: string } | undefined {
  const id = instanceIdSchema.safeParse(decode(params.id));
  const name = logNameSchema.safeParse(decode(params.name));
  return id.success && name.success ? { id: id.data, name: name.data } : undefined;
}
