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
 * published). `keepalive` lets it go out while the page unloads.
 */
export function leaveFollow(log: LogRef, follower: string): void {
  const url = paths.api.log(log.scope, log.id, log.name, "follow");
  void fetch(url, {
    method: "POST",
    credentials: "same-origin",
    keepalive: true,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ follower, leave: true } satisfies FollowBody),
  }).catch(() => undefined);
}
