import "server-only";
import type { Caller } from "@/lib/server/backend/log-backend";
import { isIdentityError } from "@/lib/server/auth/identity-error";
import { logWithReference } from "@/lib/server/error-reference";
import type { Runtime } from "@/lib/server/runtime";
import { keystoneRejection, keystoneUnavailable, tenantMismatch, TroveFault } from "./faults";

const CACHE_MS = 30_000;
const cache = new Map<string, { caller: Caller; until: number }>();

/**
 * The caller behind an `X-Auth-Token`, as Trove's keystonemiddleware sees it: the token is checked
 * with Keystone (with the service's own token), briefly cached. No token or a bad one: its 401;
 * Keystone unreachable: its 503. A token scoped to no project can match no URL: Trove's 403.
 */
export async function callerFromToken(runtime: Runtime, token: string | null): Promise<Caller> {
  if (!token) throw keystoneRejection();
  const keystone = runtime.keystone;
  if (!keystone) {
    throw new TroveFault(
      501,
      "The Trove API needs Keystone: start Trove Logs with TROVE_LOGS_IDENTITY=keystone.",
    );
  }
  const cached = cache.get(token);
  if (cached && cached.until > Date.now()) return cached.caller;
  let result;
  try {
    const checker = keystone.serviceToken ? await keystone.serviceToken.get() : token;
    result = await keystone.client.validate(token, checker, { catalog: false });
  } catch (error) {
    if (!isIdentityError(error) || error.status < 500) throw error;
    logWithReference(`Trove API: a token could not be checked: ${error.message}`, error);
    throw keystoneUnavailable();
  }
  if (!result.ok) {
    if (result.reason === "rejected") {
      logWithReference("Trove API: Keystone refused the service token that checks tokens");
      throw keystoneUnavailable();
    }
    throw keystoneRejection();
  }
  const { project, user, roles, expiresAt } = result.token;
  if (!project) throw tenantMismatch(undefined);
  const caller: Caller = { userId: user.id, projectId: project.id, isAdmin: roles.includes("admin"), token };
  if (cache.size > 10_000) cache.clear();
  cache.set(token, { caller, until: Math.min(Date.now() + CACHE_MS, expiresAt) });
  return caller;
}
