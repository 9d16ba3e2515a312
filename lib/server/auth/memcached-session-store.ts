import "server-only";
import type { SharedCache } from "@/lib/server/shared/shared-cache";
import type { Principal } from "./identity-provider";
import { principalSchema } from "./principal-schema";
import { SessionIdCookie } from "./session-id-cookie";
import type { SessionStore } from "./session-store";

export interface MemcachedSessionStoreOptions {
  cache: SharedCache;
  secret: string;
  ttlSeconds: number;
  now?: () => number;
}

/** Unsealed cookie values remembered per process (crypto only; the session itself is never cached here). */
const REMEMBERED_COOKIES = 10_000;

const keyOf = (key: string) => `session:${key}`;

/**
 * Sessions shared by every replica (TROVE_LOGS_MEMCACHED), as Horizon keeps them: the cookie carries a
 * sealed random id, memcached the principal (Keystone's token included) until it expires. No replica
 * keeps a copy of a session: each request reads it, so a logout, project switch or revoked token on one
 * replica is seen by all of them at once.
 */
export class MemcachedSessionStore implements SessionStore {
  private readonly cookies: SessionIdCookie;
  private readonly now: () => number;

  constructor(private readonly options: MemcachedSessionStoreOptions) {
    this.now = options.now ?? Date.now;
    this.cookies = new SessionIdCookie(options.secret, REMEMBERED_COOKIES);
  }

  async create(principal: Principal): Promise<string> {
    const seconds = this.secondsLeft(principal);
    const { value, key } = await this.cookies.issue(seconds);
    await this.options.cache.set(keyOf(key), JSON.stringify(principal), seconds);
    return value;
  }

  /** Readiness: memcached answers (a miss is an answer). */
  async ping(): Promise<void> {
    await this.options.cache.get("ping");
  }

  async read(value: string): Promise<Principal | undefined> {
    const key = await this.cookies.keyOf(value);
    if (!key) return undefined;
    const stored = await this.options.cache.get(keyOf(key));
    if (stored === undefined) return undefined;
    const parsed = principalSchema.safeParse(safeJson(stored));
    if (!parsed.success) return undefined;
    if (parsed.data.expiresAt <= this.now()) {
      await this.options.cache.delete(keyOf(key));
      return undefined;
    }
    return parsed.data;
  }

  refresh(value: string, principal: Principal): void {
    void this.cookies
      .keyOf(value)
      .then(async (key) => {
        if (!key) return;
        const entry = keyOf(key);
        const stored = await this.options.cache.get(entry);
        // Ended meanwhile (logout on another replica): a refresh must not bring it back.
        if (stored === undefined || stored === JSON.stringify(principal)) return;
        await this.options.cache.replace(entry, JSON.stringify(principal), this.secondsLeft(principal));
      })
      .catch((error: Error) =>
        console.warn(`[trove-logs] could not keep a session update: ${error.message}`),
      );
  }

  async replace(value: string, principal: Principal): Promise<string> {
    await this.delete(value);
    return this.create(principal);
  }

  async delete(value: string): Promise<void> {
    const key = await this.cookies.keyOf(value);
    if (key) await this.options.cache.delete(keyOf(key));
  }

  close(): void {
    // The shared cache belongs to the runtime, which closes it.
  }

  /** As long as the session lasts: at least a minute, at most the session lifetime. */
  private secondsLeft(principal: Principal): number {
    const remaining = Math.ceil((principal.expiresAt - this.now()) / 1000);
    return Math.max(60, Math.min(this.options.ttlSeconds, remaining));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
