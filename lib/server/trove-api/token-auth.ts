import "server-only";
import type { Caller } from "@/lib/server/backend/log-backend";
import type { Runtime } from "@/lib/server/runtime";
import { TroveFault } from "./faults";

const CACHE_MS = 30_000;
const cache = new Map<string, { caller: Caller; until: number }>();

/**
 * The caller behind an `X-Auth-Token`, as Trove's keystonemiddleware sees it: the token is checked
 * with Keystone (with the service's own token), briefly cached, and must be scoped to a project.
 */
export async function callerFromToken(runtime: Runtime, token: string | null): Promise<Caller> {
  if (!token) throw new TroveFault(401, "Authentication required: send a Keystone token in X-Auth-Token.");
  const keystone = runtime.keystone;
  if (!keystone) {
    throw new TroveFault(
      501,
      "The Trove API needs Keystone: start Trove Logs with TROVE_LOGS_IDENTITY=keystone.",
    );
  }
  const cached = cache.get(token);
  if (cached && cached.until > Date.now()) return cached.caller;
  const checker = keystone.serviceToken ? await keystone.serviceToken.get() : token;
  const result = await keystone.client.validate(token, checker, { catalog: false });
  if (!result.ok) throw new TroveFault(401, "The request you have made requires authentication.");
  const { project, user, roles, expiresAt } = result.token;
  if (!project) throw new TroveFault(401, "The token is not scoped to a project.");
  const caller: Caller = { userId: user.id, projectId: project.id, isAdmin: roles.includes("admin"), token };
  if (cache.size > 10_000) cache.clear();
  cache.set(token, { caller, until: Math.min(Date.now() + CACHE_MS, expiresAt) });
  return caller;
}
