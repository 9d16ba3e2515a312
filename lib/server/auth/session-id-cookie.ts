import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { LRUCache } from "lru-cache";
import { z } from "zod";

const sealedSchema = z.object({ v: z.literal(2), sid: z.string().min(32) });

/** Sessions are stored under a hash of their id: the store alone does not give anyone a usable cookie. */
const keyOf = (sid: string) => createHash("sha256").update(sid).digest("hex");

/**
 * The session cookie's value: a random session id, sealed (encrypted and authenticated) so that the
 * browser can neither read nor forge it. A store keeps the session under `key`, a hash of the id.
 */
export class SessionIdCookie {
  /** Values already unsealed, with their key: unsealing is crypto on the thread pool, on every request. */
  private readonly unsealed: LRUCache<string, string>;

  constructor(
    private readonly secret: string,
    remembered: number,
  ) {
    this.unsealed = new LRUCache({ max: remembered });
  }

  /** A new session id: the cookie value (valid for `ttlSeconds`) and the key to store the session under. */
  async issue(ttlSeconds: number): Promise<{ value: string; key: string }> {
    const sid = randomBytes(32).toString("base64url");
    const value = await sealData({ v: 2, sid }, { password: this.secret, ttl: ttlSeconds });
    const key = keyOf(sid);
    this.unsealed.set(value, key);
    return { value, key };
  }

  /** The key a cookie value stands for, or undefined when it is forged, foreign or expired. */
  async keyOf(value: string): Promise<string | undefined> {
    const known = this.unsealed.get(value);
    if (known) return known;
    try {
      const parsed = sealedSchema.safeParse(await unsealData<unknown>(value, { password: this.secret }));
      if (!parsed.success) return undefined;
      const key = keyOf(parsed.data.sid);
      this.unsealed.set(value, key);
      return key;
    } catch {
      return undefined;
    }
  }
}
