/** Where things live, Horizon style; `scope` is the Project or the Admin dashboard. */
export type Scope = "project" | "admin";

/** What the log viewer's URL carries, so a view can be linked and survives a reload. */
export interface LogViewerUrlState {
  /** The line to open at (highlighted), or the first of a range `?line=120-180`. */
  line?: number;
  /** The last line of that range. */
  lineEnd?: number;
  /** Open at the first line at or after this instant (ISO 8601, UTC): `?t=2026-12-01T10:00:00Z`. */
  t?: string;
  q?: string;
  regex?: boolean;
  caseSensitive?: boolean;
  /** The line at the top of the screen when it was left (Back/reload reopens there); kept by the viewer. */
  top?: number;
  /** Filter mode (`?filter=…&filter_regex=1&level=error,warning&context=2`): only matching entries are shown. */
  filter?: LogFilterUrlState;
}

export interface LogFilterUrlState {
  text: string;
  /** `text` is an RE2 regular expression (`filter_regex=1`), not literal text. */
  regex?: boolean;
  /** `text` matches case-sensitively (`filter_case=1`). */
  caseSensitive?: boolean;
  levels: string[];
  context: number;
}

const lineParam = (line: number, lineEnd?: number) =>
  lineEnd && lineEnd > line ? `${line}-${lineEnd}` : String(line);

const apiBase = (scope: Scope) => (scope === "admin" ? "/api/admin" : "/api");
const enc = encodeURIComponent;

export const paths = {
  login: (next?: string, reason?: "expired") => {
    const query = new URLSearchParams();
    if (next) query.set("next", next);
    if (reason) query.set("reason", reason);
    return query.size ? `/login?${query}` : "/login";
  },
  instances: (scope: Scope) => `/${scope}/instances`,
  instance: (scope: Scope, id: string, tab?: "overview" | "logs") =>
    `/${scope}/instances/${enc(id)}${tab && tab !== "overview" ? `?tab=${tab}` : ""}`,
  /** The log viewer; `line` opens around (and highlights) that line, `t` at a time, `q` runs a search. */
  logViewer: (scope: Scope, id: string, name: string, state: LogViewerUrlState = {}) => {
    const query = new URLSearchParams();
    if (state.line) query.set("line", lineParam(state.line, state.lineEnd));
    if (state.t) query.set("t", state.t);
    if (state.q) {
      query.set("q", state.q);
      if (state.regex) query.set("regex", "1");
      if (state.caseSensitive) query.set("case", "1");
    }
    if (state.top) query.set("top", String(state.top));
    if (state.filter) {
      query.set("filter", state.filter.text);
      if (state.filter.regex) query.set("filter_regex", "1");
      if (state.filter.caseSensitive) query.set("filter_case", "1");
      if (state.filter.levels.length) query.set("level", state.filter.levels.join(","));
      if (state.filter.context) query.set("context", String(state.filter.context));
    }
    const suffix = query.size ? `?${query}` : "";
    return `/${scope}/instances/${enc(id)}/logs/${enc(name)}${suffix}`;
  },
  api: {
    session: "/api/auth/session",
    /** Public: which identity signs people in (local users or Keystone). */
    authConfig: "/api/auth/config",
    /** POST {project}: switch the session's project. */
    sessionProject: "/api/auth/project",
    instances: (scope: Scope) => `${apiBase(scope)}/instances`,
    instance: (scope: Scope, id: string) => `${apiBase(scope)}/instances/${enc(id)}`,
    instanceAction: (scope: Scope, id: string) => `${apiBase(scope)}/instances/${enc(id)}/action`,
    logs: (scope: Scope, id: string) => `${apiBase(scope)}/instances/${enc(id)}/log`,
    /** The dashboard's log list: Trove's fields plus exposure and background-publish progress. */
    logDetails: (scope: Scope, id: string) => `${apiBase(scope)}/instances/${enc(id)}/log?details=1`,
    log: (
      scope: Scope,
      id: string,
      name: string,
      what: "tail" | "download" | "lines" | "search" | "time" | "timeline" | "follow" | "filter",
    ) => `${apiBase(scope)}/instances/${enc(id)}/log/${enc(name)}/${what}`,
  },
};
