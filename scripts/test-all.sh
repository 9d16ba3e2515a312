#!/usr/bin/env bash
# `npm test`: every check and test, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Real services the tests need. Each is stopped on exit (even after a failure), but only if this run
# started it: one that was already running stays up.
TROVE_STARTED_HERE=0
SWIFT_STARTED_HERE=0
KEYSTONE_STARTED_HERE=0
MARIADB_STARTED_HERE=0
POSTGRESQL_STARTED_HERE=0
MEMCACHED_STARTED_HERE=0
stop_services() {
  if ((MEMCACHED_STARTED_HERE)); then bash scripts/services/memcached.sh stop || true; fi
  if ((TROVE_STARTED_HERE)); then bash scripts/services/trove.sh stop || true; fi
  if ((SWIFT_STARTED_HERE)); then bash scripts/services/swift.sh stop || true; fi
  if ((KEYSTONE_STARTED_HERE)); then bash scripts/services/keystone.sh stop || true; fi
  if ((MARIADB_STARTED_HERE)); then bash scripts/services/mariadb.sh stop || true; fi
  if ((POSTGRESQL_STARTED_HERE)); then bash scripts/services/postgresql.sh stop || true; fi
}
trap stop_services EXIT
trap 'exit 130' INT TERM # run the EXIT trap on Ctrl-C and kill too

step "Type check";   npx tsc --noEmit
step "Lint";         npx eslint .
step "Format";       npx prettier --check . --log-level warn
step "Keystone (identity for the dashboard, Swift and the Trove log API)"
bash scripts/services/keystone.sh status >/dev/null 2>&1 || KEYSTONE_STARTED_HERE=1
# The catalog's `database` endpoint is the Keystone-mode test server (playwright.config.ts: base port + 2).
TROVE_PORT=$((${TROVE_LOGS_E2E_PORT:-3310} + 2)) bash scripts/services/keystone.sh start >/dev/null
step "Swift (object-store contract against the real thing)"
bash scripts/services/swift.sh status >/dev/null 2>&1 || SWIFT_STARTED_HERE=1
# With Keystone up, Swift takes Keystone tokens too (keystone.env gives KEYSTONE_URL and the swift user's password).
swift_env=$(
  keystone_env="${TROVE_LOGS_SERVICES_DIR:-/tmp/trove-logs-services}/keystone/keystone.env"
  if [[ -f $keystone_env ]]; then set -a && source "$keystone_env" && set +a; fi
  bash scripts/services/swift.sh start
)
eval "$(grep '^export TROVE_LOGS_TEST_SWIFT_' <<<"$swift_env")" # only the tests' settings, not the app's
step "Trove (Debian's real Trove 18 in Keystone region RegionTrove: API, conductor, guest agents, RabbitMQ)"
bash scripts/services/trove.sh status >/dev/null 2>&1 || TROVE_STARTED_HERE=1
trove_env=$(bash scripts/services/trove.sh start) # an assignment, so a failed start stops here
eval "$(grep '^export TROVE_LOGS_TEST_TROVE_' <<<"$trove_env")"
step "MariaDB and PostgreSQL (real datastores whose logs are switched for real)"
bash scripts/services/mariadb.sh status >/dev/null 2>&1 || MARIADB_STARTED_HERE=1
eval "$(bash scripts/services/mariadb.sh start | grep '^export TROVE_LOGS_TEST_MARIADB_')"
bash scripts/services/postgresql.sh status >/dev/null 2>&1 || POSTGRESQL_STARTED_HERE=1
eval "$(bash scripts/services/postgresql.sh start | grep '^export TROVE_LOGS_TEST_POSTGRESQL_')"
step "memcached (the store replicas share: sessions, publish progress and leases)"
bash scripts/services/memcached.sh status >/dev/null 2>&1 || MEMCACHED_STARTED_HERE=1
eval "$(bash scripts/services/memcached.sh start | grep '^export TROVE_LOGS_TEST_MEMCACHED')"
step "Unit and contract tests (vitest)"; npx vitest run
step "Chromium";     bash scripts/ensure-chromium.sh
step "Build";        npx next build
step "API and browser tests (Playwright, against the running app)"; npx playwright test
