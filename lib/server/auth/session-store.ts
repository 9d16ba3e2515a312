import "server-only";
import type { Principal } from "./identity-provider";
import { sealSession, unsealSession } from "./session-cookie";

/**
 * Where sessions live. The cookie's value is all the browser holds: a sealed session (local mode)
 * or a sealed random session id whose principal, token included, stays on the server (Keystone).
 */
export interface SessionStore {
  /** Starts a session; answers the cookie value. */
  create(principal: Principal): Promise<string>;
  /** The session a cookie value stands for, or undefined (unknown, forged, expired). */
  read(value: string): Promise<Principal | undefined>;
  /** Keeps what a validation found (roles, expiry) for the session. */
  refresh(value: string, principal: Principal): void;
  /** Replaces the session's principal (project switch); answers the cookie value to set. */
  replace(value: string, principal: Principal): Promise<string>;
  delete(value: string): Promise<void>;
  close(): void;
}

/** Local mode: the session itself, sealed (encrypted and authenticated) in the cookie; no server state. */
export class CookieSessionStore implements SessionStore {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  create(principal: Principal): Promise<string> {
    return sealSession(
      {
        v: 1,
        userId: principal.userId,
        username: principal.userName,
        projectId: principal.projectId,
        roles: principal.roles,
        expiresAt: principal.expiresAt,
      },
      this.secret,
      this.ttlSeconds,
    );
  }

  async read(value: string): Promise<Principal | undefined> {
    const session = await unsealSession(value, this.secret);
    if (!session) return undefined;
    return {
      userId: session.userId,
      userName: session.username,
      projectId: session.projectId,
      projectName: session.projectId,
      roles: session.roles,
      projects: [],
      expiresAt: session.expiresAt,
    };
  }

  refresh(): void {}

  replace(_value: string, principal: Principal): Promise<string> {
    return this.create(principal);
  }

  async delete(): Promise<void> {}

  close(): void {}
}
