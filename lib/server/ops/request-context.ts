import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What the request log says about a request; the route wrappers add who called once they know. */
export interface RequestFacts {
  requestId: string;
  userId?: string;
  projectId?: string;
}

// The front door (its own bundle) starts the context and Next's bundles read it: one instance,
// shared through globalThis under a registered symbol.
const KEY = Symbol.for("trove-logs.request-context");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestFacts> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestFacts>());

export function runWithRequest<T>(facts: RequestFacts, run: () => T): T {
  return storage.run(facts, run);
}

/** The request being served, when there is one (not in background work started before it). */
export function currentRequest(): RequestFacts | undefined {
  return storage.getStore();
}

/** The route wrappers tell the request log who called (never a token). */
export function noteCaller(caller: { userId: string; projectId: string }): void {
  const facts = storage.getStore();
  if (!facts) return;
  facts.userId = caller.userId;
  facts.projectId = caller.projectId;
}

/**
 * A load balancer's or client's request id is kept when it is a plain token (what HAProxy's
 * `unique-id-format`, nginx's `$request_id` and UUIDs look like); anything else could forge or break
 * log lines, so a new one is made.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+=-]{0,127}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
