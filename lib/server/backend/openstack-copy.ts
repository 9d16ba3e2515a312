import "server-only";
import type { GuestLog } from "@/lib/schemas/log";
import { HttpError } from "@/lib/server/http/errors";
import { isNotFound } from "@/lib/server/object-store/object-store";
import type { PublishedLog } from "@/lib/server/log-reader/published-log";

/**
 * Where a real Trove's published copy is. Its guest agent publishes with the caller's token into the
 * caller's Swift account, and keeps one published size per log whoever published: the copy Trove
 * counts may be in another project's account (an admin published a tenant's log, or the tenant
 * published what an admin reads). The viewer then explains instead of failing.
 */

/**
 * The newest of the log's objects in the account, or undefined when it holds none (a missing container
 * holds none). Readers take it as the copy's last object: one suffix read finds a tail, and an index of
 * an older copy of the same size is not mistaken for this one.
 */
export async function newestObject(log: PublishedLog): Promise<string | undefined> {
  try {
    const page = await log.store.listObjects(log.account, log.container, {
      prefix: log.prefix,
      reverse: true,
      limit: 10,
    });
    const newest = page.entries.find((entry) => entry.kind === "object" && entry.bytes > 0);
    return newest?.kind === "object" ? newest.name : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Swift refused this token the account (its roles give no access there): not a copy we can read. */
export const isRefused = (error: unknown) => (error as { status?: unknown } | undefined)?.status === 403;

/**
 * Trove counts the log as published, yet no account the caller can read holds it. `ownAccount`: the
 * caller's project owns the instance (a member, or an admin in the instance's project).
 */
export function copyElsewhere(log: GuestLog, ownAccount: boolean): HttpError {
  const counted = `Trove counts ${log.published.toLocaleString("en-US")} bytes of the ${log.name} log as published`;
  const message = ownAccount
    ? `${counted}, but your project's Swift account holds no copy of them. OpenStack Trove writes a ` +
      "published log into the Swift account of whoever publishes it, so a copy an administrator " +
      "published is in the administrator's own account. Publish a full copy to read it here."
    : `${counted}, but your own Swift account holds no copy of them, and neither does the instance's ` +
      "project's account as far as your token may read it: the copy is in another project's account. " +
      "OpenStack Trove writes what you publish into your own account: publish a full copy to read it " +
      "here, or switch to the instance's project (if you have a role there) to read the copy it holds.";
  return new HttpError(404, "not_found", message);
}
