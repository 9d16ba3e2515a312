// Publish leases of replicas without memcached: a lease object in the store they share, the local
// store (a shared data directory) and the real Swift of scripts/services/swift.sh (see the suite).
import { describeReplicaLeases, LEASE_TTL_SECONDS } from "@/lib/server/testing/replica-lease-suite";
import { SWIFT_SETTLE_MS } from "./choose-lease";

describeReplicaLeases("object store: local", {
  spec: () => ({ kind: "object-store", settleMs: 0, ttlSeconds: LEASE_TTL_SECONDS }),
});

describeReplicaLeases("object store: Swift", {
  spec: () => ({ kind: "object-store", settleMs: SWIFT_SETTLE_MS, ttlSeconds: LEASE_TTL_SECONDS }),
  swift: true,
});
