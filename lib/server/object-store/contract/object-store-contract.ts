import "server-only";

import { describe } from "vitest";

import { describeContainers } from "./containers-contract";
import { describeCreateOnly } from "./create-only-contract";
import { describeExpiryAndConcurrency } from "./expiry-concurrency-contract";
import type { ObjectStoreHarness } from "./harness";
import { describeListing } from "./listing-contract";
import { describeObjects } from "./objects-contract";
import { describeRanges } from "./ranges-contract";

export type { ObjectStoreHarness } from "./harness";

/**
 * The behaviour every ObjectStore must show, written against the interface only, so the local store
 * and a Swift-backed one run the same tests. Each test uses fresh, uniquely named containers and
 * never assumes an empty account. `harness.expire`, when given, runs whatever makes a store drop
 * expired objects from listings (Swift: the object expirer and container updater).
 */
export function describeObjectStoreContract(label: string, harness: ObjectStoreHarness): void {
  describe(`ObjectStore contract: ${label}`, () => {
    describeContainers(harness);
    describeObjects(harness);
    describeListing(harness);
    describeRanges(harness);
    describeExpiryAndConcurrency(harness);
    describeCreateOnly(harness);
  });
}
