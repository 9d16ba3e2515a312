import "server-only";
import { createHash } from "node:crypto";
import { Client } from "memjs";

/** A memcached failure (down, timed out): the caller decides whether that is a 503 or "not known". */
export class SharedCacheError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`memcached ${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "SharedCacheError";
  }
}

export const isSharedCacheError = (error: unknown): error is SharedCacheError =>
  error instanceof Error && error.name === "SharedCacheError";

export interface SharedCacheOptions {
  /** `host:port[,host:port…]`, as TROVE_LOGS_MEMCACHED gives it. */
  servers: string;
  /** Keeps several dashboards (or tests) on one memcached apart. */
  namespace?: string;
}

/**
 * What several replicas share (sessions, publish progress, publish leases): memcached through memjs,
 * as Horizon keeps its sessions. Values are strings; every entry has a TTL, so nothing outlives its
 * use when a replica dies. `add` is atomic on the server: the lease of a publish rests on it.
 */
export class SharedCache {
  private readonly client: Client;
  private readonly namespace: string;

  constructor(options: SharedCacheOptions) {
    this.namespace = options.namespace ?? "trove-logs";
    // Fail fast: a request waits for memcached at most ~2 s, never for the OS's TCP timeout.
    this.client = Client.create(options.servers, {
      retries: 1,
      timeout: 1,
      conntimeout: 2,
      keepAlive: true,
      logger: { log: () => undefined },
    });
  }

  async get(key: string): Promise<string | undefined> {
    const { value } = await this.attempt("get", () => this.client.get(this.keyOf(key)));
    return value ? value.toString("utf8") : undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.attempt("set", () => this.client.set(this.keyOf(key), value, { expires: ttl(ttlSeconds) }));
  }

  /** Stores only when the key is absent (atomic on the server); answers whether it did. */
  async add(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    const stored = await this.attempt("add", () =>
      this.client.add(this.keyOf(key), value, { expires: ttl(ttlSeconds) }),
    );
    return stored === true;
  }

  /** Stores only when the key is present (a refresh never brings back what was deleted meanwhile). */
  async replace(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    const stored = await this.attempt("replace", () =>
      this.client.replace(this.keyOf(key), value, { expires: ttl(ttlSeconds) }),
    );
    return stored === true;
  }

  async delete(key: string): Promise<void> {
    await this.attempt("delete", () => this.client.delete(this.keyOf(key)));
  }

  close(): void {
    this.client.close();
  }

  private async attempt<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new SharedCacheError(operation, error);
    }
  }

  /** memcached keys: at most 250 bytes, no spaces or control characters; a hash keeps any key valid. */
  private keyOf(key: string): string {
    return `${this.namespace}:${createHash("sha256").update(key).digest("base64url")}`;
  }
}

/** memcached reads an expiry above 30 days as a Unix time; ours stay below (sessions: 7 days at most). */
const ttl = (seconds: number) => Math.max(1, Math.min(Math.ceil(seconds), 30 * 86_400));
