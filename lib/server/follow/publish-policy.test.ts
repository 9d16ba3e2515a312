import { describe, expect, it } from "vitest";
import {
  MAX_PENDING_AGE_MS,
  nextRemoteInterval,
  publishReason,
  REMOTE_MAX_INTERVAL_MS,
  REMOTE_MIN_INTERVAL_MS,
} from "./publish-policy";

const base = { pending: 0, limit: 1_000_000, now: 1_000_000, rotated: false, leaving: false };

describe("when a followed embedded log is published", () => {
  it("keeps small pending amounts live instead of making small objects", () => {
    expect(publishReason({ ...base, pending: 5_000, pendingSince: base.now - 60_000 })).toBeUndefined();
    expect(publishReason({ ...base, pending: 899_999, pendingSince: base.now })).toBeUndefined();
  });

  it("publishes at 90% of guest_log_limit", () => {
    expect(publishReason({ ...base, pending: 900_000, pendingSince: base.now })).toBe("size");
  });

  it("publishes anything that waited five minutes", () => {
    const since = base.now - MAX_PENDING_AGE_MS;
    expect(publishReason({ ...base, pending: 10, pendingSince: since })).toBe("age");
    expect(publishReason({ ...base, pending: 10, pendingSince: since + 1 })).toBeUndefined();
  });

  it("publishes on rotation and when the last follower leaves, not when nothing is pending", () => {
    expect(publishReason({ ...base, rotated: true, pending: 3 })).toBe("rotation");
    expect(publishReason({ ...base, leaving: true, pending: 3 })).toBe("leave");
    expect(publishReason({ ...base, leaving: true, pending: 0 })).toBeUndefined();
  });
});

describe("remote publishing backs off", () => {
  it("doubles while nothing new comes, up to the bound, and returns to the minimum on news", () => {
    let interval = REMOTE_MIN_INTERVAL_MS;
    const seen: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      interval = nextRemoteInterval(interval, false);
      seen.push(interval);
    }
    expect(seen.slice(0, 3)).toEqual([30_000, 60_000, 120_000]);
    expect(Math.max(...seen)).toBe(REMOTE_MAX_INTERVAL_MS);
    expect(nextRemoteInterval(REMOTE_MAX_INTERVAL_MS, true)).toBe(REMOTE_MIN_INTERVAL_MS);
  });
});
