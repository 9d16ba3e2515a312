import { describe, expect, it } from "vitest";
import {
  MAX_PENDING_AGE_MS,
  publishReason,
  REMOTE_MAX_INTERVAL_MS,
  REMOTE_MIN_INTERVAL_MS,
  remoteInterval,
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
  it("doubles while nothing new comes (after one empty publish), up to the bound", () => {
    const waits = Array.from({ length: 9 }, (_, empty) => remoteInterval(empty));
    expect(waits.slice(0, 5)).toEqual([15_000, 15_000, 30_000, 60_000, 120_000]);
    expect(waits.at(-1)).toBe(REMOTE_MAX_INTERVAL_MS);
    expect(remoteInterval(0)).toBe(REMOTE_MIN_INTERVAL_MS);
  });
});
