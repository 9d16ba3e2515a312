import { describe, expect, it } from "vitest";
import type { Env } from "@/lib/env";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { choosePublishLease } from "./choose-lease";
import type { SharedCache } from "./shared-cache";

const store = {} as ObjectStore;
const shared = {} as SharedCache;
const settings = (lease: Env["TROVE_LOGS_PUBLISH_LEASE"], objectStore: Env["TROVE_LOGS_OBJECT_STORE"]) =>
  ({
    TROVE_LOGS_PUBLISH_LEASE: lease,
    TROVE_LOGS_OBJECT_STORE: objectStore,
    TROVE_LOGS_PUBLISH_LEASE_TTL: 30,
  }) as Env;
const chosen = (
  lease: Env["TROVE_LOGS_PUBLISH_LEASE"],
  objectStore: Env["TROVE_LOGS_OBJECT_STORE"],
  cache?: SharedCache,
) => {
  const { lease: made, description } = choosePublishLease(settings(lease, objectStore), {
    shared: cache,
    store,
  });
  return { leased: made !== undefined, description };
};

describe("which publish lease a replica uses (TROVE_LOGS_PUBLISH_LEASE)", () => {
  it("auto: memcached when configured, else lease objects on Swift, else none for the local store", () => {
    expect(chosen("auto", "local", shared)).toEqual({ leased: true, description: "memcached lease" });
    expect(chosen("auto", "swift", shared)).toEqual({ leased: true, description: "memcached lease" });
    expect(chosen("auto", "swift")).toEqual({
      leased: true,
      description: "lease objects in the object store",
    });
    expect(chosen("auto", "local")).toEqual({ leased: false, description: "in this process only" });
  });

  it("an explicit choice wins; memcached without TROVE_LOGS_MEMCACHED stops start-up", () => {
    expect(chosen("object-store", "local", shared)).toMatchObject({
      leased: true,
      description: "lease objects in the object store",
    });
    expect(chosen("none", "swift", shared)).toEqual({ leased: false, description: "in this process only" });
    expect(() => chosen("memcached", "swift")).toThrow(
      "TROVE_LOGS_PUBLISH_LEASE=memcached needs TROVE_LOGS_MEMCACHED.",
    );
  });
});
