import { paths } from "@/lib/paths";
import { followStateSchema, type FollowBody, type FollowState } from "@/lib/schemas/log-follow";
import { apiFetch } from "./fetcher";
import type { LogRef } from "./log-viewer";

/** One poll of Follow (`POST …/log/{name}/follow`): live lines past the published end, publishes when due. */
export async function pollFollow(log: LogRef, body: FollowBody, signal?: AbortSignal): Promise<FollowState> {
  const url = paths.api.log(log.scope, log.id, log.name, "follow");
  return followStateSchema.parse(await apiFetch(url, { method: "POST", body, signal }));
}

/**
 * Tells the server this viewer stopped following (the last one to leave has what is pending
 * published) and answers the log as it is then. `keepalive` lets it go out while the page unloads.
 */
export async function leaveFollow(log: LogRef, follower: string): Promise<FollowState | undefined> {
  const url = paths.api.log(log.scope, log.id, log.name, "follow");
  try {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ follower, leave: true } satisfies FollowBody),
    });
    return response.ok ? followStateSchema.parse(await response.json()) : undefined;
  } catch {
    return undefined; // the page is gone, or the server: the server's sweep publishes what is pending
  }
}
