import "server-only";
import Database from "better-sqlite3";
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { LRUCache } from "lru-cache";
import type { Principal } from "./identity-provider";
import { principalSchema } from "./principal-schema";
import { SessionIdCookie } from "./session-id-cookie";
import type { SessionStore } from "./session-store";

export interface ServerSessionStoreOptions {
  /** Directory for `sessions.sqlite` (created 0700; the file 0600). */
  dir: string;
  secret: string;
  ttlSeconds: number;
  now?: () => number;
}

/** Principals kept in memory at most; the rest are read back from SQLite when their cookie comes. */
const MEMORY_SESSIONS = 10_000;

/**
 * Sessions (local and Keystone mode): the cookie carries a sealed random id; the principal, Keystone's
 * token included, is kept in SQLite (so a restart keeps people signed in) with the recent ones in
 * memory. Deleting a session ends it for every copy of its cookie.
 */
export class ServerSessionStore implements SessionStore {
  private readonly db: Database.Database;
  private readonly memory = new LRUCache<string, Principal>({ max: MEMORY_SESSIONS });
  private readonly cookies: SessionIdCookie;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: ServerSessionStoreOptions) {
    this.now = options.now ?? Date.now;
    this.cookies = new SessionIdCookie(options.secret, MEMORY_SESSIONS);
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    chmodSync(options.dir, 0o700);
    const file = join(options.dir, "sessions.sqlite");
    closeSync(openSync(file, "a", 0o600)); // SQLite gives its -wal and -shm files the same mode
    chmodSync(file, 0o600);
    this.db = new Database(file, { timeout: 15_000 });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      key TEXT PRIMARY KEY,
      user_name TEXT NOT NULL,
      principal TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    )`);
    this.sweep();
    this.sweeper = setInterval(() => this.sweep(), 3_600_000);
    this.sweeper.unref();
  }

  async create(principal: Principal): Promise<string> {
    // The cookie lasts as long as the session (at least a minute, at most the session lifetime).
    const remaining = Math.ceil((principal.expiresAt - this.now()) / 1000);
    const { value, key } = await this.cookies.issue(
      Math.max(60, Math.min(this.options.ttlSeconds, remaining)),
    );
    this.db
      .prepare(
        "INSERT INTO sessions (key, user_name, principal, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(key, principal.userName, JSON.stringify(principal), this.now(), principal.expiresAt);
    this.memory.set(key, principal);
    return value;
  }

  async read(value: string): Promise<Principal | undefined> {
    const key = await this.cookies.keyOf(value);
    if (!key) return undefined;
    let principal = this.memory.get(key);
    if (!principal) {
      const row = this.db.prepare("SELECT principal FROM sessions WHERE key = ?").get(key) as
        { principal: string } | undefined;
      const parsed = row ? principalSchema.safeParse(JSON.parse(row.principal)) : undefined;
      if (!parsed?.success) return undefined;
      principal = parsed.data;
      this.memory.set(key, principal);
    }
    if (principal.expiresAt <= this.now()) {
      this.remove(key);
      return undefined;
    }
    return principal;
  }

  refresh(value: string, principal: Principal): void {
    void this.cookies
      .keyOf(value)
      .then((key) => {
        if (!key || !this.memory.has(key)) return;
        const before = this.memory.get(key);
        this.memory.set(key, principal);
        if (JSON.stringify(before) !== JSON.stringify(principal)) this.write(key, principal);
      })
      .catch((error: Error) =>
        console.warn(`[trove-logs] could not keep a session update: ${error.message}`),
      );
  }

  async replace(value: string, principal: Principal): Promise<string> {
    const key = await this.cookies.keyOf(value);
    if (key) this.remove(key);
    return this.create(principal);
  }

  async delete(value: string): Promise<void> {
    const key = await this.cookies.keyOf(value);
    if (key) this.remove(key);
  }

  async ping(): Promise<void> {
    this.db.prepare("SELECT 1 FROM sessions LIMIT 1").get();
  }

  close(): void {
    clearInterval(this.sweeper);
    this.db.close();
  }

  private write(key: string, principal: Principal): void {
    this.db
      .prepare("UPDATE sessions SET principal = ?, expires_at = ? WHERE key = ?")
      .run(JSON.stringify(principal), principal.expiresAt, key);
  }

  private remove(key: string): void {
    this.memory.delete(key);
    this.db.prepare("DELETE FROM sessions WHERE key = ?").run(key);
  }

  private sweep(): void {
    const expired = this.db
      .prepare("SELECT key FROM sessions WHERE expires_at <= ?")
      .all(this.now()) as Array<{
      key: string;
    }>;
    for (const { key } of expired) this.remove(key);
  }
}
