import "server-only";

import { ObjectStoreError } from "./object-store";
import { readBody, SwiftBody } from "./swift-body";
import { errorText, transportFailure } from "./swift-errors";
import { createAgents, sendRequest, TransportError, type Agents } from "./swift-http";

/** Where Swift tokens come from. `invalidate(token)` drops that token (after a 401) so the next call renews it. */
export interface SwiftAuth {
  token(): Promise<string>;
  invalidate(token?: string): void;
}

/** A token someone else manages (e.g. the user's Keystone token); `onInvalidate` hears about a 401. */
export function createTokenAuth(
  getToken: () => Promise<string>,
  onInvalidate?: (token: string | undefined) => void,
): SwiftAuth {
  return { token: getToken, invalidate: (token) => onInvalidate?.(token) };
}

export interface TempAuthOptions {
  /** e.g. http://127.0.0.1:8080/auth/v1.0 */
  authUrl: string;
  /** `account:user`, e.g. `admin:admin`. */
  user: string;
  key: string;
  timeoutMs?: number;
  agents?: Agents;
}

const RENEW_BEFORE_MS = 60_000;

/** Swift tempauth (v1): `GET authUrl` with X-Auth-User/X-Auth-Key; the token is kept until it expires or a 401. */
export function createTempAuth({
  authUrl,
  user,
  key,
  timeoutMs = 30_000,
  agents,
}: TempAuthOptions): SwiftAuth {
  const url = new URL(authUrl);
  const pool = agents ?? createAgents(2);
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    for (let attempt = 0; ; attempt++) {
      const what = `GET ${url.origin}${url.pathname}`;
      let exchange;
      try {
        exchange = await sendRequest(pool, {
          method: "GET",
          url,
          path: url.pathname + url.search,
          headers: { "x-auth-user": user, "x-auth-key": key },
          timeoutMs,
        });
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        if (attempt < 2 && error.code !== "TIMEOUT") {
          await new Promise((resolve) => setTimeout(resolve, 100 * 4 ** attempt));
          continue;
        }
        throw transportFailure(error, url.origin, what, timeoutMs);
      }
      const { req, res } = exchange;
      const status = res.statusCode ?? 0;
      const body = await readBody(new SwiftBody(req, res, { timeoutMs, what }), 64 * 1024);
      const token = res.headers["x-auth-token"] ?? res.headers["x-storage-token"];
      if (status >= 200 && status < 300 && typeof token === "string" && token) {
        const lifeSeconds = Number(res.headers["x-auth-token-expires"]);
        const lifeMs = Number.isFinite(lifeSeconds) && lifeSeconds > 0 ? lifeSeconds * 1000 : 3_600_000;
        cached = { token, renewAt: Date.now() + Math.max(lifeMs - RENEW_BEFORE_MS, lifeMs / 2) };
        return token;
      }
      if (status === 401 || status === 403) {
        throw new ObjectStoreError(
          401,
          `Swift's tempauth refused the credentials (${status})`,
          `${user} at ${authUrl}`,
        );
      }
      const text = errorText(body);
      throw new ObjectStoreError(
        502,
        `Swift's tempauth failed (${status})`,
        `${authUrl}${text ? `: ${text}` : ""}`,
      );
    }
  };

  return {
    async token() {
      if (cached && Date.now() < cached.renewAt) return cached.token;
      pending ??= fetchToken().finally(() => (pending = undefined));
      return pending;
    },
    invalidate(token) {
      if (token === undefined || cached?.token === token) cached = undefined;
    },
  };
}
