import "server-only";
import type { Principal } from "./identity-provider";

/**
 * Where sessions live. The cookie's value is all the browser holds (a sealed random session id); the
 * principal, Keystone's token included, stays with the store, so ending a session there ends it for
 * every copy of the cookie. The seam for other stores (e.g. one shared by several replicas).
 */
export interface SessionStore {
  /** Starts a session; answers the cookie value. */
  create(principal: Principal): Promise<string>;
  /** The session a cookie value stands for, or undefined (unknown, forged, ended, expired). */
  read(value: string): Promise<Principal | undefined>;
  /** Keeps what a validation found (roles, expiry) for the session. */
  refresh(value: string, principal: Principal): void;
  /** Ends the session and starts one for the new principal (project switch); answers the new cookie value. */
  replace(value: string, principal: Principal): Promise<string>;
  /** Ends the session: the cookie value no longer stands for anyone. */
  delete(value: string): Promise<void>;
  /** Throws when the store cannot be reached (readiness checks); cheap. */
  ping(): Promise<void>;
  close(): void;
}
