#!/usr/bin/env bash
# A single-node, one-replica OpenStack Swift on 127.0.0.1, from Debian's packages, for tests and benchmarks.
#
#   bash scripts/services/swift.sh start    install the packages if missing, start, wait until usable, print settings
#   bash scripts/services/swift.sh stop     stop what `start` started (nothing else), unmount its tmpfs
#   bash scripts/services/swift.sh status   what runs
#   bash scripts/services/swift.sh expire   updaters + expirer once: expired objects leave the listings now
#   bash scripts/services/swift.sh env      the settings to export (eval "$(bash scripts/services/swift.sh env)")
#
# Everything lives under $TROVE_LOGS_SERVICES_DIR/swift (default /tmp/trove-logs-services/swift): configs and
# rings (etc/), the device (srv/d1, a tmpfs when we may mount one), logs/, pids/. Only /etc/swift/swift.conf
# is shared (Swift reads it from nowhere else); it is written only when missing.
#
# Ports: proxy $SWIFT_PORT (8080); object/container/account 6200/6201/6202 and memcached 11211 (overridable
# with SWIFT_OBJECT_PORT, SWIFT_CONTAINER_PORT, SWIFT_ACCOUNT_PORT, SWIFT_MEMCACHED_PORT).
# Auth: tempauth always (users admin:admin reseller admin, test:tester/testing, test:tester2/testing2,
# test2:tester2/testing2). With KEYSTONE_URL set, the proxy on $SWIFT_PORT takes Keystone tokens too
# (authtoken + keystoneauth, operator roles admin and member, ResellerAdmin; service user
# $KEYSTONE_SWIFT_USER/$KEYSTONE_SWIFT_PASSWORD in project $KEYSTONE_SWIFT_PROJECT, default swift/swift/service).
# keystonemiddleware checks every token it sees with Keystone and caches no refusal, so a tempauth token there
# costs a Keystone round trip per request: Keystone mode adds a tempauth-only proxy on $SWIFT_TEMPAUTH_PORT
# (8081), same servers and data, and the printed tempauth settings use it.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SERVICE=swift
# shellcheck source=common.sh
source "$HERE/common.sh"
RUN=${TROVE_LOGS_SERVICES_DIR:-/tmp/trove-logs-services}/swift
ETC=$RUN/etc
SRV=$RUN/srv
DEVICE=d1
PIDS=$RUN/pids
LOGS=$RUN/logs
PROXY_PORT=${SWIFT_PORT:-8080}
TEMPAUTH_PORT=${SWIFT_TEMPAUTH_PORT:-8081}
OBJECT_PORT=${SWIFT_OBJECT_PORT:-6200}
CONTAINER_PORT=${SWIFT_CONTAINER_PORT:-6201}
ACCOUNT_PORT=${SWIFT_ACCOUNT_PORT:-6202}
MEMCACHED_PORT=${SWIFT_MEMCACHED_PORT:-11211}
TMPFS_SIZE=${SWIFT_TMPFS_SIZE:-8g}
PY=/usr/bin/python3 # Swift's modules live in Debian's Python, which a pyenv python3 may shadow
PACKAGES=(swift swift-proxy swift-account swift-container swift-object swift-object-expirer python3-swiftclient
  memcached curl)
# Start order; stop goes the other way.
DAEMONS=(memcached account container object proxy proxy-tempauth container-updater object-updater object-expirer)
PROXY_URL=http://127.0.0.1:$PROXY_PORT
if [[ -n ${KEYSTONE_URL:-} ]]; then TEMPAUTH_URL=http://127.0.0.1:$TEMPAUTH_PORT; else TEMPAUTH_URL=$PROXY_URL; fi
SERVICE_USER=admin:admin
SERVICE_KEY=admin
export EVENTLET_NO_GREENDNS=yes # saves ~0.5 s per server start

# --- processes ----------------------------------------------------------------------------------------

# The daemons this configuration runs (memcached only when we started it).
wanted() {
  local name
  for name in "${DAEMONS[@]}"; do
    [[ $name == memcached && -f $RUN/memcached-external ]] && continue
    [[ $name == proxy-tempauth && -z ${KEYSTONE_URL:-} ]] && continue
    echo "$name"
  done
}

# What a running Swift was started with (status and a second start go by it, not by the environment).
mode_key() { echo "keystone=${KEYSTONE_URL:-} ports=$PROXY_PORT,$TEMPAUTH_PORT,$ACCOUNT_PORT,$CONTAINER_PORT,$OBJECT_PORT"; }
load_started_mode() {
  [[ -f $RUN/tempauth-url ]] && TEMPAUTH_URL=$(cat "$RUN/tempauth-url")
  return 0
}

stop_all() {
  local i
  for ((i = ${#DAEMONS[@]} - 1; i >= 0; i--)); do stop_daemon "${DAEMONS[$i]}" & done
  wait
  if [[ -f $RUN/tmpfs-mounted ]]; then
    if mountpoint -q "$SRV/$DEVICE"; then umount "$SRV/$DEVICE" 2>/dev/null || umount -l "$SRV/$DEVICE"; fi
    rm -f "$RUN/tmpfs-mounted"
  fi
}

# --- configuration ------------------------------------------------------------------------------------

write_swift_conf() {
  [[ -f /etc/swift/swift.conf ]] && return 0
  [[ -w /etc || -w /etc/swift ]] || die "/etc/swift/swift.conf is missing and cannot be written (run as root once)"
  mkdir -p /etc/swift
  local prefix suffix
  prefix=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
  suffix=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
  cat >/etc/swift/swift.conf <<EOF
[swift-hash]
swift_hash_path_prefix = $prefix
swift_hash_path_suffix = $suffix

[storage-policy:0]
name = Policy-0
default = yes
EOF
  say "wrote /etc/swift/swift.conf"
}

server_defaults() { # $1 = port
  cat <<EOF
[DEFAULT]
devices = $SRV
mount_check = false
disable_fallocate = true
bind_ip = 127.0.0.1
bind_port = $1
workers = 0
user = $(id -un)
swift_dir = $ETC
recon_cache_path = $RUN/cache
log_level = INFO
EOF
}

ini_value() { printf '%s' "$1" | sed 's/%/%%/g'; } # paste.deploy interpolates %(...)s

proxy_conf() { # $1 = port, $2 = auth filters
  cat <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $1
workers = 0
user = $(id -un)
swift_dir = $ETC
log_level = INFO

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk $2 copy slo dlo versioned_writes symlink proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MEMCACHED_PORT

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:bulk]
use = egg:swift#bulk

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo

[filter:versioned_writes]
use = egg:swift#versioned_writes

[filter:symlink]
use = egg:swift#symlink

# An empty reseller prefix makes tempauth the fallback: it decides for its own tokens (AUTH_ accounts
# via the URLs below, any account for the reseller admin) and leaves Keystone tokens to keystoneauth.
# With the same AUTH_ prefix, whichever of the two runs last would overrule the other.
[filter:tempauth]
use = egg:swift#tempauth
reseller_prefix = ''
token_life = 86400
user_admin_admin = admin .admin .reseller_admin \$HOST/v1/AUTH_admin
user_test_tester = testing .admin \$HOST/v1/AUTH_test
user_test_tester2 = testing2 \$HOST/v1/AUTH_test
user_test2_tester2 = testing2 .admin \$HOST/v1/AUTH_test2
EOF
}

keystone_filters() {
  cat <<EOF

[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
www_authenticate_uri = $(ini_value "$KEYSTONE_URL")
auth_url = $(ini_value "$KEYSTONE_URL")
auth_type = password
user_domain_id = default
project_domain_id = default
project_name = $(ini_value "${KEYSTONE_SWIFT_PROJECT:-service}")
username = $(ini_value "${KEYSTONE_SWIFT_USER:-swift}")
password = $(ini_value "${KEYSTONE_SWIFT_PASSWORD:-swift}")
delay_auth_decision = true
cache = swift.cache
include_service_catalog = false
service_token_roles_required = true

[filter:keystoneauth]
use = egg:swift#keystoneauth
reseller_prefix = AUTH_
operator_roles = admin, member
reseller_admin_role = ResellerAdmin
EOF
}

write_configs() {
  mkdir -p "$ETC" "$RUN/cache"
  {
    server_defaults "$ACCOUNT_PORT"
    cat <<EOF

[pipeline:main]
pipeline = healthcheck account-server

[app:account-server]
use = egg:swift#account
log_requests = false

[filter:healthcheck]
use = egg:swift#healthcheck

[account-replicator]
[account-auditor]
[account-reaper]
EOF
  } >"$ETC/account-server.conf"
  {
    server_defaults "$CONTAINER_PORT"
    cat <<EOF

[pipeline:main]
pipeline = healthcheck container-server

[app:container-server]
use = egg:swift#container
log_requests = false

[filter:healthcheck]
use = egg:swift#healthcheck

[container-updater]
# A sweep of this one-node Swift took ~41 s of a full core here: every 30 s it never stopped and took
# half of this 2-core machine from the browser tests that run last. Tests that need the listings
# updated run \`swift.sh expire\` (updaters + expirer once).
interval = 900
concurrency = 1

[container-replicator]
[container-auditor]
[container-sync]
[container-sharder]
EOF
  } >"$ETC/container-server.conf"
  {
    server_defaults "$OBJECT_PORT"
    cat <<EOF

[pipeline:main]
pipeline = healthcheck object-server

[app:object-server]
use = egg:swift#object
log_requests = false
# Two cores run everything: give container updates time rather than parking them in async_pending.
container_update_timeout = 5

[filter:healthcheck]
use = egg:swift#healthcheck

[object-updater]
interval = 60
concurrency = 1

[object-replicator]
[object-reconstructor]
[object-auditor]
EOF
  } >"$ETC/object-server.conf"

  if [[ -n ${KEYSTONE_URL:-} ]]; then
    proxy_conf "$PROXY_PORT" "authtoken keystoneauth tempauth" >"$ETC/proxy-server.conf"
    keystone_filters >>"$ETC/proxy-server.conf"
    proxy_conf "$TEMPAUTH_PORT" tempauth >"$ETC/proxy-tempauth.conf"
  else
    proxy_conf "$PROXY_PORT" tempauth >"$ETC/proxy-server.conf"
    rm -f "$ETC/proxy-tempauth.conf"
  fi
  cat >"$ETC/object-expirer.conf" <<EOF
[DEFAULT]
swift_dir = $ETC
user = $(id -un)
recon_cache_path = $RUN/cache
log_level = INFO

[object-expirer]
interval = 60

[pipeline:main]
pipeline = catch_errors proxy-logging cache proxy-server

[app:proxy-server]
use = egg:swift#proxy

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MEMCACHED_PORT

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:proxy-logging]
use = egg:swift#proxy_logging
EOF
  # Rings depend on the ports only; rebuild when they changed (~0.5 s in one Python process).
  local ring_key="$ACCOUNT_PORT $CONTAINER_PORT $OBJECT_PORT $DEVICE"
  if [[ ! -f $ETC/object.ring.gz || $(cat "$ETC/rings.key" 2>/dev/null) != "$ring_key" ]]; then
    "$PY" "$HERE/swift-rings.py" "$ETC" "$ACCOUNT_PORT" "$CONTAINER_PORT" "$OBJECT_PORT" "$DEVICE" \
      || die "building the rings failed"
    echo "$ring_key" >"$ETC/rings.key"
  fi
}

# A tmpfs holds large metadata in xattrs (ext4 refuses more than ~3.5 KiB) and runs at memory speed.
prepare_device() {
  mkdir -p "$SRV/$DEVICE"
  if mountpoint -q "$SRV/$DEVICE"; then
    DEVICE_KIND="tmpfs (already mounted)"
    return 0
  fi
  if [[ $(id -u) == 0 ]] && mount -t tmpfs -o "size=$TMPFS_SIZE,mode=0755" trove-logs-swift "$SRV/$DEVICE" 2>/dev/null; then
    touch "$RUN/tmpfs-mounted"
    DEVICE_KIND="tmpfs of $TMPFS_SIZE"
  else
    DEVICE_KIND="plain directory"
    say "could not mount a tmpfs on $SRV/$DEVICE; using a plain directory (objects with more than ~3.5 KiB" \
      "of metadata may fail with 503 on ext4)"
  fi
}

# --- start / status / expire --------------------------------------------------------------------------

write_env() {
  local keystone=""
  [[ -n ${KEYSTONE_URL:-} ]] && keystone="; Keystone tokens ($KEYSTONE_URL) at $PROXY_URL"
  cat >"$RUN/env" <<EOF
# Swift: tempauth at $TEMPAUTH_URL (reseller admin $SERVICE_USER)$keystone.
export TROVE_LOGS_SWIFT_URL=$TEMPAUTH_URL/v1
export TROVE_LOGS_SWIFT_RESELLER_PREFIX=AUTH_
export TROVE_LOGS_SWIFT_AUTH_URL=$TEMPAUTH_URL/auth/v1.0
export TROVE_LOGS_SWIFT_USER=$SERVICE_USER
export TROVE_LOGS_SWIFT_KEY=$SERVICE_KEY
export TROVE_LOGS_TEST_SWIFT_STORAGE_URL=$TEMPAUTH_URL/v1
export TROVE_LOGS_TEST_SWIFT_AUTH_URL=$TEMPAUTH_URL/auth/v1.0
export TROVE_LOGS_TEST_SWIFT_USER=$SERVICE_USER
export TROVE_LOGS_TEST_SWIFT_KEY=$SERVICE_KEY
export TROVE_LOGS_TEST_SWIFT_EXPIRE="bash $HERE/swift.sh expire"
# For the swift CLI and curl: an ordinary user of account AUTH_test.
export ST_AUTH=$TEMPAUTH_URL/auth/v1.0
export ST_USER=test:tester
export ST_KEY=testing
EOF
}

# The token of a tempauth user, or nothing.
tempauth_token() {
  curl -s -o /dev/null -D - --max-time 5 -H "X-Auth-User: $1" -H "X-Auth-Key: $2" "$TEMPAUTH_URL/auth/v1.0" \
    | tr -d '\r' | sed -n 's/^[Xx]-[Aa]uth-[Tt]oken: //p'
}

usable() {
  local token
  curl -sf --max-time 5 "$PROXY_URL/info" >/dev/null || return 1
  token=$(tempauth_token "$SERVICE_USER" "$SERVICE_KEY")
  [[ -n $token ]] || return 1
  curl -sf --max-time 5 -I -H "X-Auth-Token: $token" "$TEMPAUTH_URL/v1/AUTH_test" >/dev/null
}

wait_until_usable() {
  local deadline=$((SECONDS + ${SWIFT_START_TIMEOUT:-60})) name port
  while :; do
    for name in $(wanted); do
      running_pid "$name" >/dev/null || {
        say "$name exited during start-up; the end of $LOGS/$name.log:"
        tail -20 "$LOGS/$name.log" >&2
        stop_all
        exit 1
      }
    done
    local ready=1
    for port in "$MEMCACHED_PORT" "$ACCOUNT_PORT" "$CONTAINER_PORT" "$OBJECT_PORT"; do
      port_open "$port" || ready=0
    done
    ((ready)) && usable && return 0
    if ((SECONDS >= deadline)); then
      say "Swift did not become usable in time; logs are in $LOGS"
      stop_all
      exit 1
    fi
    sleep 0.2
  done
}

# Keystone mode: warn early when the service user cannot get a token (Keystone not provisioned yet?).
check_keystone() {
  [[ -n ${KEYSTONE_URL:-} ]] || return 0
  local base=${KEYSTONE_URL%/}
  base=${base%/v3}
  local body
  body=$(printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s","domain":{"id":"default"},"password":"%s"}}},"scope":{"project":{"name":"%s","domain":{"id":"default"}}}}}' \
    "${KEYSTONE_SWIFT_USER:-swift}" "${KEYSTONE_SWIFT_PASSWORD:-swift}" "${KEYSTONE_SWIFT_PROJECT:-service}")
  if curl -sf -o /dev/null --max-time 10 -H 'Content-Type: application/json' -d "$body" "$base/v3/auth/tokens"; then
    say "Keystone tokens accepted (authtoken + keystoneauth, service user ${KEYSTONE_SWIFT_USER:-swift})"
  else
    say "warning: the service user ${KEYSTONE_SWIFT_USER:-swift} cannot get a token from $base/v3;" \
      "Keystone tokens will be refused until it can"
  fi
}

ports_taken_by_others() {
  local port
  local ports=("$PROXY_PORT" "$ACCOUNT_PORT" "$CONTAINER_PORT" "$OBJECT_PORT")
  [[ -n ${KEYSTONE_URL:-} ]] && ports+=("$TEMPAUTH_PORT")
  for port in "${ports[@]}"; do
    port_open "$port" && echo "$port"
  done
  return 0
}

cmd_start() {
  local started_ns
  started_ns=$(date +%s%N)
  mkdir -p "$PIDS" "$LOGS"
  clean_stale_pids "${DAEMONS[@]}"
  local name up=0 down=0
  for name in "${DAEMONS[@]}"; do running_pid "$name" >/dev/null && up=$((up + 1)); done
  for name in $(wanted); do running_pid "$name" >/dev/null || down=$((down + 1)); done
  if ((up > 0)) && [[ -f $RUN/mode && $(cat "$RUN/mode") != "$(mode_key)" ]]; then
    load_started_mode
    if usable; then
      say "already running, but with other settings ($(cat "$RUN/mode")); run stop first to change them"
      cat "$RUN/env"
      return 0
    fi
  elif ((up > 0 && down == 0)) && usable; then
    say "already running at $PROXY_URL"
    cat "$RUN/env"
    return 0
  fi
  if ((up > 0)); then
    say "running only in part; restarting"
    stop_all
  fi
  local busy
  busy=$(ports_taken_by_others | tr '\n' ' ')
  [[ -z $busy ]] || die "ports in use by something else: $busy(set SWIFT_PORT / SWIFT_*_PORT to move)"

  ensure_packages "${PACKAGES[@]}"
  write_swift_conf
  write_configs
  prepare_device

  rm -f "$RUN/memcached-external"
  if port_open "$MEMCACHED_PORT"; then
    say "memcached already answers on $MEMCACHED_PORT; using it (not ours, left alone on stop)"
    touch "$RUN/memcached-external"
  else
    local as_user=()
    [[ $(id -u) == 0 ]] && as_user=(-u root)
    launch memcached memcached "${as_user[@]}" -l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0 -m 64 -c 1024
  fi
  launch account /usr/bin/swift-account-server "$ETC/account-server.conf" -v
  launch container /usr/bin/swift-container-server "$ETC/container-server.conf" -v
  launch object /usr/bin/swift-object-server "$ETC/object-server.conf" -v
  launch proxy /usr/bin/swift-proxy-server "$ETC/proxy-server.conf" -v
  if [[ -n ${KEYSTONE_URL:-} ]]; then
    launch proxy-tempauth /usr/bin/swift-proxy-server "$ETC/proxy-tempauth.conf" -v
  fi
  launch container-updater /usr/bin/swift-container-updater "$ETC/container-server.conf" -v
  launch object-updater /usr/bin/swift-object-updater "$ETC/object-server.conf" -v
  launch object-expirer /usr/bin/swift-object-expirer "$ETC/object-expirer.conf" -v
  wait_until_usable
  check_keystone
  mode_key >"$RUN/mode"
  echo "$TEMPAUTH_URL" >"$RUN/tempauth-url"
  write_env
  local ms=$((($(date +%s%N) - started_ns) / 1000000))
  say "started in $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s: proxy $PROXY_URL${KEYSTONE_URL:+ (Keystone + tempauth), tempauth-only $TEMPAUTH_URL}, data on $DEVICE_KIND ($SRV/$DEVICE)," \
    "logs in $LOGS"
  cat "$RUN/env"
}

cmd_stop() {
  mkdir -p "$PIDS"
  local any=0 name
  for name in "${DAEMONS[@]}"; do running_pid "$name" >/dev/null && any=1; done
  stop_all
  rm -f "$RUN/memcached-external" "$RUN/mode" "$RUN/tempauth-url" "$RUN/env"
  if ((any)); then say "stopped"; else say "was not running"; fi
}

cmd_status() {
  local name line rc=0
  load_started_mode
  for name in "${DAEMONS[@]}"; do
    if [[ $name == memcached && -f $RUN/memcached-external ]]; then
      printf '%-18s external (not started by this script)\n' "$name"
    elif [[ $name == proxy-tempauth && $TEMPAUTH_URL == "$PROXY_URL" ]]; then
      continue
    elif line=$(running_pid "$name"); then
      printf '%-18s running, pid %s\n' "$name" "${line%% *}"
    else
      printf '%-18s stopped\n' "$name"
      rc=3
    fi
  done
  if usable; then echo "proxy $PROXY_URL answers /info; tempauth works at $TEMPAUTH_URL"; else
    echo "proxy $PROXY_URL is not usable"
    rc=3
  fi
  mountpoint -q "$SRV/$DEVICE" 2>/dev/null && echo "device: tmpfs on $SRV/$DEVICE"
  return $rc
}

cmd_expire() {
  running_pid proxy >/dev/null || die "not running; start it with: bash $HERE/swift.sh start"
  "$PY" "$HERE/swift-expire.py" "$ETC" >>"$LOGS/expire.log" 2>&1 || {
    tail -20 "$LOGS/expire.log" >&2
    die "expire pass failed (log: $LOGS/expire.log)"
  }
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  expire) cmd_expire ;;
  env) if [[ -f $RUN/env ]]; then cat "$RUN/env"; else die "not started"; fi ;;
  *)
    echo "usage: $0 start|stop|status|expire|env" >&2
    exit 2
    ;;
esac
