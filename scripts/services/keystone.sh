#!/usr/bin/env bash
# A real Keystone v3 (Debian's `keystone`, Zed) on loopback for tests and local use: sqlite, fernet
# tokens, uwsgi. `start` installs the package when missing, creates the database once, serves it and
# provisions the test cloud over the REST API; `stop` ends only the uwsgi it started; `status` tells.
#
#   scripts/services/keystone.sh start|stop|status|reset
#
# Settings (environment):
#   TROVE_LOGS_SERVICES_DIR   parent of the run directory (default /tmp/trove-logs-services);
#                             Keystone's lives in <it>/keystone: keystone.conf, keystone.db, keys,
#                             uwsgi.log, uwsgi.pid, keystone.env (the variables below, mode 0600)
#   KEYSTONE_PORT             5000          TROVE_PORT   3000 (catalog `database` endpoint)
#   SWIFT_PORT                8080 (catalog `object-store` endpoint)
#   KEYSTONE_TOKEN_EXPIRATION 3600 (seconds)   KEYSTONE_START_TIMEOUT 120 (seconds to the first token)
# Timings here: install ~2-3 min on a fresh machine (apt); start from nothing ~7 s (db_sync +
# bootstrap ~4 s, uwsgi to first token ~2 s, provisioning <1 s); restart with its database ~3 s.
# Beside keystone.env: openrc-admin, openrc-demo, openrc-ops-user for the `openstack` CLI.
# Passwords (defaults are for a loopback test cloud only):
#   KEYSTONE_ADMIN_PASSWORD   admin-pass      user admin: admin on projects admin, demo, ops
#   KEYSTONE_DEMO_PASSWORD    demo-pass       user demo: member of demo
#   KEYSTONE_OPS_PASSWORD     ops-pass        user ops-user: member of ops
#   KEYSTONE_SWIFT_PASSWORD   swift           user swift: admin + service on service (keystonemiddleware)
#   TROVE_LOGS_SERVICE_PASSWORD trove-logs-pass  user trove-logs: admin + service + ResellerAdmin on service
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
SERVICES_DIR="${TROVE_LOGS_SERVICES_DIR:-/tmp/trove-logs-services}"
RUN_DIR="$SERVICES_DIR/keystone"
HOST=127.0.0.1
PORT="${KEYSTONE_PORT:-5000}"
TROVE_PORT="${TROVE_PORT:-3000}"
SWIFT_PORT="${SWIFT_PORT:-8080}"
PYTHON=/usr/bin/python3 # Debian's: Keystone's modules live there, not in a pyenv python
URL="http://$HOST:$PORT/v3"
PID_FILE="$RUN_DIR/uwsgi.pid"

export KEYSTONE_ADMIN_PASSWORD="${KEYSTONE_ADMIN_PASSWORD:-admin-pass}"
export KEYSTONE_DEMO_PASSWORD="${KEYSTONE_DEMO_PASSWORD:-demo-pass}"
export KEYSTONE_OPS_PASSWORD="${KEYSTONE_OPS_PASSWORD:-ops-pass}"
export KEYSTONE_SWIFT_PASSWORD="${KEYSTONE_SWIFT_PASSWORD:-swift}" # swift.sh's default too
export TROVE_LOGS_SERVICE_PASSWORD="${TROVE_LOGS_SERVICE_PASSWORD:-trove-logs-pass}"

log() { printf '[keystone] %s\n' "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Alive = /proc/PID/stat exists and is not a zombie (a stopped daemon lingers as one for a while).
alive() {
  local pid="$1" stat state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  state="${stat##*) }"
  state="${state%% *}"
  [[ "$state" != Z && "$state" != X ]]
}
# Ours = alive and the uwsgi serving this run directory (never a recycled PID of someone else).
ours_and_alive() {
  alive "$1" && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$RUN_DIR/uwsgi.ini"
}

running_pid() {
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  pid="${pid//[[:space:]]/}"
  if ours_and_alive "$pid"; then printf '%s' "$pid"; else return 1; fi
}

# host:port of the uwsgi this run directory last started.
running_socket() { sed -n 's/^http-socket = //p' "$RUN_DIR/uwsgi.ini" 2>/dev/null; }

port_busy() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

install_if_missing() {
  if [ "$(dpkg-query -W -f='${Status}' keystone 2>/dev/null)" = "install ok installed" ] &&
    [ -x /usr/bin/keystone-manage ] && [ -x /usr/bin/uwsgi ] && [ -e /usr/lib/uwsgi/plugins/python3_plugin.so ] &&
    [ -x /usr/bin/openstack ] && /usr/bin/python3 -c 'import troveclient' 2>/dev/null; then
    return 0
  fi
  local sudo="" started
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "the keystone package is missing and this is not root (no sudo either)"
    sudo=sudo
  fi
  log "Installing Debian's keystone (first run; about 2-3 minutes)…"
  started="$(now)"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || die "apt-get update failed"
  $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 keystone uwsgi-plugin-python3 python3-troveclient python3-openstackclient >"$SERVICES_DIR/keystone-install.log" 2>&1 ||
    die "apt-get install keystone failed; see $SERVICES_DIR/keystone-install.log"
  log "Installed in $(since "$started") s"
}

fernet_key() { head -c 32 /dev/urandom | base64 | tr '+/' '-_'; }

write_keys() {
  local dir="$1"
  [ -s "$dir/0" ] && [ -s "$dir/1" ] && return 0
  mkdir -p "$dir"
  chmod 700 "$dir"
  # 0 is the staged key, 1 the primary: what `keystone-manage fernet_setup` would write, without its 4 s.
  (umask 077 && fernet_key >"$dir/0" && fernet_key >"$dir/1")
}

write_config() {
  cat >"$RUN_DIR/keystone.conf" <<EOF
# Written by scripts/services/keystone.sh; rewritten on every start.
[DEFAULT]
use_stderr = true
debug = false

[database]
connection = sqlite:///$RUN_DIR/keystone.db

[token]
provider = fernet
expiration = ${KEYSTONE_TOKEN_EXPIRATION:-3600}

[fernet_tokens]
key_repository = $RUN_DIR/fernet-keys

[fernet_receipts]
key_repository = $RUN_DIR/fernet-keys

[credential]
key_repository = $RUN_DIR/credential-keys

[identity]
password_hash_rounds = 4

# One process, so an in-process cache stays coherent (revocations included): token checks take
# ~10 ms instead of ~350 ms without it.
[cache]
enabled = true
backend = dogpile.cache.memory
EOF
  # One single-threaded worker (sqlite objects cannot cross threads; the memory cache is per process);
  # uwsgi's http-socket neither keeps connections alive nor says so, and clients that reuse sockets
  # then see resets: say it.
  cat >"$RUN_DIR/uwsgi.ini" <<EOF
[uwsgi]
plugins = python3
master = true
processes = 1
threads = 1
http-socket = $HOST:$PORT
add-header = Connection: close
wsgi-file = /usr/bin/keystone-wsgi-public
env = OS_KEYSTONE_CONFIG_FILES=$RUN_DIR/keystone.conf
chdir = $RUN_DIR
pidfile = $PID_FILE
buffer-size = 65535
need-app = true
die-on-term = true
no-orphans = true
disable-logging = true
EOF
}

manage() { keystone-manage --config-file "$RUN_DIR/keystone.conf" "$@" >>"$RUN_DIR/keystone-manage.log" 2>&1; }

create_database() {
  local started
  started="$(now)"
  rm -f "$RUN_DIR/keystone.db" "$RUN_DIR/keystone.db-wal" "$RUN_DIR/keystone.db-shm" "$RUN_DIR/.bootstrapped"
  manage db_sync || die "keystone-manage db_sync failed; see $RUN_DIR/keystone-manage.log"
  # Without WAL, writes fail with "database is locked" once tokens are being issued.
  "$PYTHON" -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL").fetchall()' \
    "$RUN_DIR/keystone.db"
  manage bootstrap --bootstrap-username admin --bootstrap-password "$KEYSTONE_ADMIN_PASSWORD" \
    --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id RegionOne \
    --bootstrap-admin-url "$URL/" --bootstrap-internal-url "$URL/" --bootstrap-public-url "$URL/" ||
    die "keystone-manage bootstrap failed; see $RUN_DIR/keystone-manage.log"
  touch "$RUN_DIR/.bootstrapped"
  log "Database created and bootstrapped in $(since "$started") s"
}

start_uwsgi() {
  port_busy && die "port $PORT on $HOST is already in use by another program (set KEYSTONE_PORT)"
  rm -f "$PID_FILE"
  # Its own session: a Ctrl-C in the caller's terminal does not reach it; `stop` ends it.
  setsid uwsgi --ini "$RUN_DIR/uwsgi.ini" >>"$RUN_DIR/uwsgi.log" 2>&1 </dev/null &
  local launched=$! i
  for i in $(seq 1 100); do
    [ -s "$PID_FILE" ] && break
    # Only alive, not ours_and_alive: until the forked shell has exec'd uwsgi (slow on a busy
    # machine) its command line is still this script's.
    if ! alive "$launched"; then
      [ -s "$PID_FILE" ] && break
      tail -20 "$RUN_DIR/uwsgi.log" >&2 || true
      die "uwsgi exited at once; the end of $RUN_DIR/uwsgi.log is above"
    fi
    sleep 0.05
  done
  [ -s "$PID_FILE" ] || printf '%s\n' "$launched" >"$PID_FILE"
}

write_env() {
  local ids="$RUN_DIR/provisioned.json"
  project_id() { "$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["projects"][sys.argv[2]])' "$ids" "$1"; }
  (
    umask 077
    cat >"$RUN_DIR/keystone.env" <<EOF
export TROVE_LOGS_IDENTITY=keystone
export TROVE_LOGS_KEYSTONE_URL=$URL
export TROVE_LOGS_KEYSTONE_USER_DOMAIN=Default
export TROVE_LOGS_KEYSTONE_PROJECT_DOMAIN=Default
export TROVE_LOGS_SERVICE_USER=trove-logs
export TROVE_LOGS_SERVICE_PASSWORD=$TROVE_LOGS_SERVICE_PASSWORD
export TROVE_LOGS_SERVICE_PROJECT=service
export KEYSTONE_URL=$URL
export KEYSTONE_PORT=$PORT
export TROVE_PORT=$TROVE_PORT
export SWIFT_PORT=$SWIFT_PORT
export KEYSTONE_ADMIN_PASSWORD=$KEYSTONE_ADMIN_PASSWORD
export KEYSTONE_DEMO_PASSWORD=$KEYSTONE_DEMO_PASSWORD
export KEYSTONE_OPS_PASSWORD=$KEYSTONE_OPS_PASSWORD
export KEYSTONE_SWIFT_PASSWORD=$KEYSTONE_SWIFT_PASSWORD
export KEYSTONE_ADMIN_PROJECT_ID=$(project_id admin)
export KEYSTONE_DEMO_PROJECT_ID=$(project_id demo)
export KEYSTONE_OPS_PROJECT_ID=$(project_id ops)
export KEYSTONE_SERVICE_PROJECT_ID=$(project_id service)
EOF
    # openrc files for the openstack CLI, one per user.
    local user password project
    for entry in "admin:$KEYSTONE_ADMIN_PASSWORD:admin" "demo:$KEYSTONE_DEMO_PASSWORD:demo" \
      "ops-user:$KEYSTONE_OPS_PASSWORD:ops"; do
      IFS=: read -r user password project <<<"$entry"
      cat >"$RUN_DIR/openrc-$user" <<EOF
export OS_AUTH_URL=$URL
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=$user
export OS_PASSWORD=$password
export OS_PROJECT_NAME=$project
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
EOF
    done
  )
}

cmd_start() {
  local started pid
  started="$(now)"
  mkdir -p "$RUN_DIR"
  chmod 700 "$RUN_DIR"
  install_if_missing
  if pid="$(running_pid)"; then
    [ "$(running_socket)" = "$HOST:$PORT" ] ||
      die "already running (pid $pid) on $(running_socket), not $HOST:$PORT: stop it first, or set KEYSTONE_PORT"
    log "Already running (pid $pid) on $URL"
  else
    write_config
    write_keys "$RUN_DIR/fernet-keys"
    write_keys "$RUN_DIR/credential-keys"
    [ -f "$RUN_DIR/.bootstrapped" ] && [ -s "$RUN_DIR/keystone.db" ] || create_database
    start_uwsgi
    pid="$(cat "$PID_FILE")"
    log "uwsgi started (pid $pid), log in $RUN_DIR/uwsgi.log"
  fi
  KEYSTONE_URL="$URL" KEYSTONE_PID="$pid" TROVE_PORT="$TROVE_PORT" SWIFT_PORT="$SWIFT_PORT" \
    "$PYTHON" "$HERE/keystone-provision.py" >"$RUN_DIR/provisioned.json" ||
    die "provisioning failed (uwsgi log: $RUN_DIR/uwsgi.log)"
  write_env
  log "Ready on $URL in $(since "$started") s (a token issued, test cloud provisioned)"
  echo "# Keystone for Trove Logs: source $RUN_DIR/keystone.env (openrc-<user> files beside it)"
  cat "$RUN_DIR/keystone.env"
}

cmd_stop() {
  local pid i
  if ! pid="$(running_pid)"; then
    log "Not running (nothing of ours to stop)"
    rm -f "$PID_FILE"
    return 0
  fi
  # With die-on-term the master ends its workers and exits on SIGTERM (uwsgi would otherwise reload).
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    ours_and_alive "$pid" || break
    sleep 0.1
  done
  if ours_and_alive "$pid"; then
    log "uwsgi (pid $pid) did not stop in 10 s; killing it and its workers"
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do kill -KILL "$child" 2>/dev/null || true; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  log "Stopped (pid $pid)"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    URL="http://$(running_socket)/v3"
    if "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=3)' "$URL" 2>/dev/null; then
      echo "keystone: running (pid $pid) on $URL; env in $RUN_DIR/keystone.env"
    else
      echo "keystone: running (pid $pid) but $URL does not answer (see $RUN_DIR/uwsgi.log)"
    fi
    return 0
  fi
  echo "keystone: not running (run dir $RUN_DIR)"
  return 3
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
reset)
  cmd_stop
  rm -rf "$RUN_DIR"
  log "Removed $RUN_DIR"
  ;;
*)
  echo "usage: $0 start|stop|status|reset" >&2
  exit 2
  ;;
esac
