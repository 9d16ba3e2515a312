// The memcached of scripts/services/memcached.sh (npm test starts it) for integration tests.
import { SharedCache } from "./shared-cache";

/** A fresh namespace: tests never see each other's keys. */
export const testNamespace = () => `test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** A client of the test memcached (two with the same namespace stand for two replicas). */
export function testSharedCache(namespace = testNamespace()): SharedCache {
  const servers = process.env.TROVE_LOGS_TEST_MEMCACHED;
  if (!servers) {
    throw new Error(
      'TROVE_LOGS_TEST_MEMCACHED is unset: eval "$(bash scripts/services/memcached.sh start)" (npm test does)',
    );
  }
  return new SharedCache({ servers, namespace });
}
