// Publish leases of replicas in the real memcached of scripts/services/memcached.sh (see the suite).
import { describeReplicaLeases, LEASE_TTL_SECONDS } from "@/lib/server/testing/replica-lease-suite";
import { testNamespace } from "./memcached-test-env";

describeReplicaLeases("memcached", {
  spec: () => ({ kind: "memcached", namespace: testNamespace(), ttlSeconds: LEASE_TTL_SECONDS }),
});
