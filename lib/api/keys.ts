import type { Scope } from "@/lib/paths";

/** Keys start with the scope: the Project and Admin dashboards never share cache entries. */
export const instanceKeys = {
  all: (scope: Scope) => [scope, "instances"] as const,
  list: (scope: Scope) => [scope, "instances", "list"] as const,
  detail: (scope: Scope, id: string) => [scope, "instances", "detail", id] as const,
};

export const logKeys = {
  all: (scope: Scope) => [scope, "logs"] as const,
  /** The one query behind an instance's Logs tab (polled; mutations invalidate it). */
  list: (scope: Scope, id: string) => [scope, "logs", id, "details"] as const,
};
