import "server-only";
import type { Caller } from "@/lib/server/backend/log-backend";
import type { Runtime } from "@/lib/server/runtime";
import { TroveFault } from "./faults";

/**
 * The caller behind an `X-Auth-Token`, as Trove's keystonemiddleware + context would see it.
 * Until the runtime has Keystone, the Trove API is not available.
 */
export async function callerFromToken(runtime: Runtime, token: string | null): Promise<Caller> {
  if (!token) throw new TroveFault(401, "Authentication required: send a Keystone token in X-Auth-Token.");
  void runtime;
  throw new TroveFault(
    501,
    "The Trove API needs Keystone: start Trove Logs with TROVE_LOGS_IDENTITY=keystone.",
  );
}
