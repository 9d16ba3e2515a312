import "server-only";
import type { FollowPublishReason } from "@/lib/schemas/log-follow";

/** Publish once this share of guest_log_limit is pending: objects come out close to the limit. */
export const SIZE_SHARE = 0.9;
/** …or once anything has waited this long, so the published copy is never far behind. */
export const MAX_PENDING_AGE_MS = 5 * 60_000;

export interface PendingFacts {
  /** Bytes the file holds past the published end. */
  pending: number;
  /** guest_log_limit: the most bytes one object may hold. */
  limit: number;
  /** When the oldest of those bytes was first seen pending (undefined: nothing pending). */
  pendingSince?: number;
  now: number;
  /** The file was rotated: the published copy is of another file and must be replaced. */
  rotated: boolean;
  /** The last follower leaves: what is pending is published now rather than left behind. */
  leaving: boolean;
}

/** Whether a followed embedded log is published now, and why; undefined: keep the lines live. */
export function publishReason(facts: PendingFacts): Exclude<FollowPublishReason, "remote"> | undefined {
  if (facts.rotated) return "rotation";
  if (facts.pending <= 0) return undefined;
  if (facts.leaving) return "leave";
  if (facts.pending >= SIZE_SHARE * facts.limit) return "size";
  if (facts.pendingSince !== undefined && facts.now - facts.pendingSince >= MAX_PENDING_AGE_MS) return "age";
  return undefined;
}

/** A remote Trove publishes at most once per this long per log (shared by every follower of it). */
export const REMOTE_MIN_INTERVAL_MS = 15_000;
/** Publishes that bring nothing new double the wait, up to this. */
export const REMOTE_MAX_INTERVAL_MS = 4 * 60_000;

/**
 * The wait before the next remote publish, from how many publishes in a row brought nothing new:
 * the minimum after news and after one empty publish (a line may be on its way), then doubling.
 */
export function remoteInterval(emptyInARow: number): number {
  const doublings = Math.max(0, emptyInARow - 1);
  return Math.min(REMOTE_MAX_INTERVAL_MS, REMOTE_MIN_INTERVAL_MS * 2 ** Math.min(doublings, 16));
}
