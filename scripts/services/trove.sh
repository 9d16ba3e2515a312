#!/usr/bin/env bash
# Debian's REAL OpenStack Trove 18 on 127.0.0.1, for tests: trove-api, trove-conductor, one guest agent
# per seeded instance (manager mariadb) with its MariaDB, over RabbitMQ, against the project's Keystone
# and Swift (start those first). Only Nova, Neutron and Docker are stand-ins (trove-stand-ins.py).
#
#   bash scripts/services/trove.sh start        install the packages if missing; start whatever is not
#                                               running; seed; register in Keystone; wait until a log list
#                                               answers through the whole chain; print the exports below
#   bash scripts/services/trove.sh stop         stop everything `start` started (nothing else)
#   bash scripts/services/trove.sh status       what runs (exit 3 when a part is down)
#   bash scripts/services/trove.sh env          the exports again
#   bash scripts/services/trove.sh expose LIST  set the guests' guest_log_exposed_logs ([mariadb] section of
#                                               their agent config) to LIST (comma list, e.g. guest,error;
#                                               `default` = general,slow_query), restart ONLY the guest
#                                               agents, return once they answer again
#   bash scripts/services/trove.sh stop-part api|conductor|rabbitmq|guest
#                                               stop one part (guest = the guest agents; their MariaDBs
#                                               stay); `start` brings back whatever is missing
#
# Keystone (region RegionTrove, user trove; keystone.sh's RegionOne is left as it is): `database`
# http://127.0.0.1:8779/v1.0/%(tenant_id)s, `object-store` = RegionOne's Swift URLs, `compute` and
# `network` = the stand-ins (trove-provision.py).
# Seeded instances (trove-seed.py, Trove's own code; fixed ids), datastore mariadb <Debian's MariaDB x.y>:
#   A  8f0c4b6e-3c5a-4e52-9d2b-6a7f1e0c9b31  "demo-db" owned by project demo, guest SQL port 13317
#   B  3d7e2a91-5b6c-4f08-8a1d-c2e94b7f6a05  "ops-db"  owned by project ops,  guest SQL port 13318
# Each guest runs in a private mount namespace (trove-guest.sh): the agent sees the real guest paths
# (/etc/trove/conf.d, /var/log/trove/trove-guestagent.log, /var/lib/mysql, /var/run/mysqld/mysqld.sock,
# /opt/trove-guestagent) while the host's directories stay untouched; its MariaDB also listens on
# 127.0.0.1:<guest SQL port> for tests: user trove_logs_guest (all privileges on database trove_logs_test;
# password in the exports).
#
# Everything lives under $TROVE_LOGS_SERVICES_DIR/trove (default /tmp/trove-logs-services/trove): etc/
# (configs), trove.db (sqlite, WAL), rabbitmq/, guests/<a|b>/ (overlay layers and data disk; the agent's
# log is guests/<x>/upper/_var_log/trove/trove-guestagent.log), logs/ (every process's output, the
# stand-ins' request log), pids/, secrets (mode 0600), env.
# Ports: API 8779 (TROVE_API_PORT); RabbitMQ 5673, its dist port 25673, epmd 4370 (TROVE_RABBITMQ_PORT,
# TROVE_RABBITMQ_DIST_PORT, TROVE_EPMD_PORT; not the defaults, so a system RabbitMQ is left alone);
# stand-ins nova 8791, neutron 8792, docker 8793 (TROVE_NOVA_PORT, TROVE_NEUTRON_PORT, TROVE_DOCKER_PORT).
# RPC timeouts are lowered (agent_call_high_timeout 15 s, agent_call_low_timeout 5 s): a log call to a dead
# guest agent answers 400 "Timed out waiting for a reply" after 15 s. With RabbitMQ down, trove-api holds
# log calls and instance show until it is back (oslo.messaging retries forever; no setting bounds that).
# Agents heartbeat every 60 s, the first time 60 s after they start: after a start with data older than
# agent_heartbeat_expiry (900 s here), operating_status is ERROR (heartbeat expired) until then. Runs as root (mount namespaces, packages).
# Timings here (2 cores shared with other test runs): packages ~45 s on a fresh machine; start from nothing
# 19-31 s (RabbitMQ's boot and the agents' start-up); restart with data 18-23 s; start when running 1-3 s;
# expose 8-12 s; stop 6-10 s. ~690 MB resident, ~0.5 % of a core when idle.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SERVICE=trove
# shellcheck source=common.sh
source "$HERE/common.sh"
SERVICES_DIR=${TROVE_LOGS_SERVICES_DIR:-/tmp/trove-logs-services}
RUN=$SERVICES_DIR/trove
ETC=$RUN/etc
PIDS=$RUN/pids
LOGS=$RUN/logs
PY=/usr/bin/python3 # Trove's modules live in Debian's Python, which a pyenv python3 may shadow
API_PORT=${TROVE_API_PORT:-8779}
AMQP_PORT=${TROVE_RABBITMQ_PORT:-5673}
DIST_PORT=${TROVE_RABBITMQ_DIST_PORT:-25673}
EPMD_PORT=${TROVE_EPMD_PORT:-4370}
NOVA_PORT=${TROVE_NOVA_PORT:-8791}
NEUTRON_PORT=${TROVE_NEUTRON_PORT:-8792}
DOCKER_PORT=${TROVE_DOCKER_PORT:-8793}
REGION=RegionTrove
DATASTORE=mariadb
DEFAULT_EXPOSED=general,slow_query # Trove's default for mysql/mariadb
SQL_USER=trove_logs_guest
API_URL=http://127.0.0.1:$API_PORT
PACKAGES=(trove-api trove-conductor trove-guestagent python3-trove rabbitmq-server sudo mariadb-server)
# Guests: key, instance id, name, owner (keystone.env project variable), server id, SQL port, address.
GUESTS=(a b)
declare -A INSTANCE=([a]=8f0c4b6e-3c5a-4e52-9d2b-6a7f1e0c9b31 [b]=3d7e2a91-5b6c-4f08-8a1d-c2e94b7f6a05)
declare -A NAME=([a]=demo-db [b]=ops-db)
declare -A OWNER=([a]=demo [b]=ops)
declare -A SERVER=([a]=5f1d0c6a-7b8e-4c2d-9e3f-a0b1c2d3e4f5 [b]=6a2e1d7b-8c9f-4d3e-8f40-b1c2d3e4f506)
declare -A SQL_PORT=([a]=${TROVE_GUEST_SQL_PORT:-13317} [b]=${TROVE_OTHER_GUEST_SQL_PORT:-13318}) # away from the e2e ports (3310+)
declare -A ADDRESS=([a]=10.0.0.10 [b]=10.0.0.11)
DAEMONS=(epmd rabbitmq stand-ins api conductor) # plus guest-<x>-ns, guest-<x>-db, guest-<x>-agent
export EVENTLET_NO_GREENDNS=yes

now_ms() { date +%s%3N; }
seconds_since() { local ms=$(($(now_ms) - $1)); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }

# --- processes (common.sh: running_pid, pid_of, launch, stop_daemon; pid files in $PIDS) ------------------

all_daemons() {
  local key
  echo "${DAEMONS[@]}"
  for key in "${GUESTS[@]}"; do echo "guest-$key-ns guest-$key-db guest-$key-agent"; done
}

fail_with_log() { # NAME LOGFILE MESSAGE
  say "$3; the end of $2:"
  tail -25 "$2" >&2 || true
  exit 1
}

# --- installation, secrets, configuration ----------------------------------------------------------------

secret() { # NAME: a random secret kept in the run directory (stable across restarts)
  local file=$RUN/secrets/$1
  if [[ ! -s $file ]]; then
    (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$file")
  fi
  cat "$file"
}

load_keystone() {
  local env_file=$SERVICES_DIR/keystone/keystone.env
  [[ -f $env_file ]] || die "Keystone was never started here (no $env_file): run scripts/services/keystone.sh start first"
  set -a
  # shellcheck source=/dev/null
  source "$env_file"
  set +a
  curl -sf --max-time 5 -o /dev/null "$KEYSTONE_URL" ||
    die "Keystone does not answer at $KEYSTONE_URL: run scripts/services/keystone.sh start first"
  curl -sf --max-time 5 -o /dev/null "http://127.0.0.1:${SWIFT_PORT:-8080}/info" ||
    die "Swift does not answer on port ${SWIFT_PORT:-8080} (Trove publishes logs there): run scripts/services/swift.sh start first"
}

owner_project() { # a|b: the owner's Keystone project id
  local var=KEYSTONE_${OWNER[$1]^^}_PROJECT_ID
  echo "${!var}"
}

datastore_version() { mariadbd --version | sed -n 's/.* Ver \([0-9]*\.[0-9]*\).*/\1/p'; }

transport_url() { echo "rabbit://trove:$(secret rabbitmq)@127.0.0.1:$AMQP_PORT/"; }

# Settings shared by trove-api, trove-conductor and the guest agents.
common_conf() {
  cat <<EOF
transport_url = $(transport_url)
control_exchange = trove
os_region_name = $REGION
enable_secure_rpc_messaging = true
# A dead guest or RabbitMQ shows within ~15 s instead of 180 s.
agent_call_low_timeout = 5
agent_call_high_timeout = 15
debug = false

[service_credentials]
auth_url = $KEYSTONE_URL
username = trove
password = $(secret keystone)
project_name = service
user_domain_name = Default
project_domain_name = Default
region_name = $REGION

[oslo_messaging_rabbit]
# Reconnect within ~2 s once RabbitMQ is back (default backoff reaches 30 s).
rabbit_retry_interval = 1
rabbit_retry_backoff = 1
rabbit_interval_max = 2
EOF
}

guest_conf() { # EXPOSED
  cat <<EOF
# The guest agent's configuration (written by scripts/services/trove.sh; trove.sh expose rewrites it).
[DEFAULT]
log_dir = /var/log/trove
log_file = trove-guestagent.log
$(common_conf)

[oslo_concurrency]
lock_path = /opt/trove-guestagent/locks

[$DATASTORE]
guest_log_exposed_logs = $1
device_path = /dev/vdb
mount_point = /var/lib/mysql
EOF
}

write_configs() {
  mkdir -p "$ETC" "$RUN/locks"
  cat >"$ETC/trove.conf" <<EOF
# trove-api and trove-conductor (written by scripts/services/trove.sh on every start).
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $API_PORT
trove_api_workers = 1
trove_conductor_workers = 1
api_paste_config = /etc/trove/api-paste.ini
use_stderr = true
inst_rpc_key_encr_key = $(secret rpc-key)
# Agents heartbeat every 60 s, the first one 60 s after they start, so an agent restarted again within
# 60 s (trove.sh expose from test after test) sends none: with Trove's 90 s, operating_status turns
# ERROR (FAILED_TIMEOUT_GUESTAGENT) in the middle of a run. 15 minutes rides over a run's restarts.
agent_heartbeat_expiry = 900
trove_auth_url = $KEYSTONE_URL
# Tests send bursts; Trove's default is 200 requests of a kind per minute.
http_get_rate = 100000
http_post_rate = 100000
http_put_rate = 100000
http_delete_rate = 100000
http_mgmt_post_rate = 100000
$(common_conf)

[database]
connection = sqlite:///$RUN/trove.db

[keystone_authtoken]
www_authenticate_uri = $KEYSTONE_URL
auth_url = $KEYSTONE_URL
auth_type = password
username = trove
password = $(secret keystone)
project_name = service
user_domain_name = Default
project_domain_name = Default
service_token_roles_required = true

[oslo_concurrency]
lock_path = $RUN/locks
EOF
  chmod 600 "$ETC/trove.conf"
  local key exposed
  exposed=$(cat "$RUN/exposed" 2>/dev/null || echo "$DEFAULT_EXPOSED")
  for key in "${GUESTS[@]}"; do
    mkdir -p "$RUN/guests/$key"
    echo "SQL_PORT=${SQL_PORT[$key]}" >"$RUN/guests/$key/guest.env"
    (umask 077 && guest_conf "$exposed" >"$RUN/guests/$key/trove-guestagent.conf")
  done
  # RabbitMQ: everything in its own directory; only the loopback; our own user instead of guest.
  mkdir -p "$RUN/rabbitmq/mnesia"
  cat >"$RUN/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
default_user = trove
default_pass = $(secret rabbitmq)
loopback_users = none
vm_memory_high_watermark.absolute = 256MiB
disk_free_limit.absolute = 50MB
log.console = true
log.file = false
EOF
  echo '[].' >"$RUN/rabbitmq/enabled_plugins"
  : >"$RUN/rabbitmq/rabbitmq-env.conf" # instead of /etc/rabbitmq/rabbitmq-env.conf
}

# --- parts ---------------------------------------------------------------------------------------------------

start_rabbitmq() {
  running_pid epmd >/dev/null || launch epmd epmd -address 127.0.0.1 -port "$EPMD_PORT"
  running_pid rabbitmq >/dev/null && return 0
  # epmd in the foreground first: otherwise Erlang daemonizes one that nobody tracks.
  local i
  for i in $(seq 50); do port_open "$EPMD_PORT" && break; sleep 0.1; done
  HOME=$RUN/rabbitmq RABBITMQ_NODENAME=trove-logs@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT=$AMQP_PORT RABBITMQ_DIST_PORT=$DIST_PORT ERL_EPMD_PORT=$EPMD_PORT ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_CONF_ENV_FILE=$RUN/rabbitmq/rabbitmq-env.conf RABBITMQ_CONFIG_FILE=$RUN/rabbitmq/rabbitmq.conf \
    RABBITMQ_ADVANCED_CONFIG_FILE=$RUN/rabbitmq/advanced.config RABBITMQ_ENABLED_PLUGINS_FILE=$RUN/rabbitmq/enabled_plugins \
    RABBITMQ_MNESIA_BASE=$RUN/rabbitmq/mnesia RABBITMQ_LOG_BASE=$LOGS RABBITMQ_PID_FILE=$RUN/rabbitmq/rabbitmq.pid \
    RABBITMQ_PLUGINS_EXPAND_DIR=$RUN/rabbitmq/plugins-expand \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="+sbwt none +sbwtdcpu none +sbwtdio none" \
    launch rabbitmq /usr/lib/rabbitmq/bin/rabbitmq-server
}

wait_rabbitmq() {
  local deadline=$((SECONDS + ${TROVE_RABBITMQ_START_TIMEOUT:-90}))
  until port_open "$AMQP_PORT"; do
    running_pid rabbitmq >/dev/null || fail_with_log rabbitmq "$LOGS/rabbitmq.log" "RabbitMQ exited while starting"
    ((SECONDS < deadline)) || fail_with_log rabbitmq "$LOGS/rabbitmq.log" "RabbitMQ did not listen on $AMQP_PORT in time"
    sleep 0.2
  done
}

start_stand_ins() {
  running_pid stand-ins >/dev/null ||
    launch stand-ins "$PY" "$HERE/trove-stand-ins.py" "$RUN/servers.json" "$NOVA_PORT" "$NEUTRON_PORT" "$DOCKER_PORT"
}

seed() {
  local key items=() version
  version=$(datastore_version)
  [[ -n $version ]] || die "cannot tell the MariaDB version from \`mariadbd --version\`"
  for key in "${GUESTS[@]}"; do
    items+=("$(printf '{"id":"%s","name":"%s","tenant_id":"%s","server_id":"%s","flavor_id":"standin-flavor","ip":"%s","volume_size":1,"guest_info":"%s"}' \
      "${INSTANCE[$key]}" "${NAME[$key]}" "$(owner_project "$key")" "${SERVER[$key]}" "${ADDRESS[$key]}" \
      "$RUN/guests/$key/guest_info.conf")")
  done
  local IFS=,
  printf '{"datastore":"%s","version":"%s","region":"%s","instances":[%s]}\n' "$DATASTORE" "$version" "$REGION" \
    "${items[*]}" >"$RUN/seed.json"
  # Seeded already with the same owners and versions: nothing to do (saves ~4 s on every start).
  if [[ -s $RUN/trove.db && -s $RUN/servers.json ]] && cmp -s "$RUN/seed.json" "$RUN/seeded.json"; then return 0; fi
  "$PY" "$HERE/trove-seed.py" "$ETC/trove.conf" "$RUN/seed.json" "$RUN/servers.json" >>"$LOGS/seed.log" 2>&1 ||
    fail_with_log seed "$LOGS/seed.log" "seeding Trove's database failed"
  cp "$RUN/seed.json" "$RUN/seeded.json"
}

provision_keystone() {
  # Registered already in this Keystone (same project ids) with these ports: nothing to do.
  local key
  key="$API_PORT $NOVA_PORT $NEUTRON_PORT $(md5sum <"$SERVICES_DIR/keystone/keystone.env")"
  [[ $(cat "$RUN/provisioned" 2>/dev/null) == "$key" ]] && return 0
  TROVE_REGION=$REGION TROVE_SERVICE_PASSWORD=$(secret keystone) TROVE_API_PORT=$API_PORT TROVE_NOVA_PORT=$NOVA_PORT \
    TROVE_NEUTRON_PORT=$NEUTRON_PORT "$PY" "$HERE/trove-provision.py" >>"$LOGS/provision.log" 2>&1 ||
    fail_with_log provision "$LOGS/provision.log" "registering Trove in Keystone failed"
  echo "$key" >"$RUN/provisioned"
}

start_api_and_conductor() {
  running_pid api >/dev/null || launch api /usr/bin/trove-api --config-file "$ETC/trove.conf"
  running_pid conductor >/dev/null || launch conductor /usr/bin/trove-conductor --config-file "$ETC/trove.conf"
}

in_guest() { # KEY COMMAND…: run in the guest's mount namespace
  local holder
  holder=$(pid_of "guest-$1-ns") || die "guest $1 has no namespace"
  shift
  nsenter --mount="/proc/$holder/ns/mnt" -- "$@"
}

guest_db_answers() { in_guest "$1" mariadb-admin --no-defaults --socket=/var/run/mysqld/mysqld.sock -uroot --connect-timeout=2 ping >/dev/null 2>&1; }

# The guest's namespace and MariaDB (what a booted guest VM with a prepared datastore would have).
start_guest_machine() {
  local key=$1 dir=$RUN/guests/$1 i
  if ! running_pid "guest-$key-ns" >/dev/null; then
    # Whatever still ran in an old namespace goes with it: the overlays can only be mounted once.
    stop_daemon "guest-$key-agent"
    stop_daemon "guest-$key-db"
    rm -f "$dir/ns-ready"
    (cd / && launch "guest-$key-ns" unshare --mount --propagation private -- bash "$HERE/trove-guest.sh" hold "$dir")
    for i in $(seq 100); do
      [[ -f $dir/ns-ready ]] && break
      running_pid "guest-$key-ns" >/dev/null || fail_with_log "guest-$key-ns" "$LOGS/guest-$key-ns.log" "guest $key's namespace failed"
      sleep 0.05
    done
    [[ -f $dir/ns-ready ]] || die "guest $key's namespace was not ready in 5 s"
  fi
  in_guest "$key" bash "$HERE/trove-guest.sh" prepare "$dir" >>"$LOGS/guest-$key-prepare.log" 2>&1 ||
    fail_with_log "guest-$key" "$LOGS/guest-$key-prepare.log" "preparing guest $key failed"
  if ! running_pid "guest-$key-db" >/dev/null; then
    local holder
    holder=$(pid_of "guest-$key-ns")
    port_open "${SQL_PORT[$key]}" && die "port ${SQL_PORT[$key]} (guest $key's MariaDB) is in use by something else"
    (cd / && launch "guest-$key-db" nsenter --mount="/proc/$holder/ns/mnt" -- mariadbd --defaults-file=/etc/mysql/my.cnf --user=database)
  fi
  local deadline=$((SECONDS + 60))
  until guest_db_answers "$key"; do
    running_pid "guest-$key-db" >/dev/null ||
      fail_with_log "guest-$key-db" "$dir/upper/_var_log/mysqld.log" "guest $key's MariaDB exited while starting"
    ((SECONDS < deadline)) || fail_with_log "guest-$key-db" "$dir/upper/_var_log/mysqld.log" "guest $key's MariaDB did not answer in time"
    sleep 0.1
  done
  in_guest "$key" bash "$HERE/trove-guest.sh" users "$dir" "$SQL_USER" "$(secret guest-sql)" >>"$LOGS/guest-$key-prepare.log" 2>&1 ||
    fail_with_log "guest-$key" "$LOGS/guest-$key-prepare.log" "creating guest $key's database users failed"
}

start_agent() {
  local key=$1 holder
  running_pid "guest-$key-agent" >/dev/null && return 0
  holder=$(pid_of "guest-$key-ns")
  in_guest "$key" cp "$RUN/guests/$key/guest_info.conf" "$RUN/guests/$key/trove-guestagent.conf" /etc/trove/conf.d/
  # Each agent start begins a new agent log (the last kept as .1), as logrotate keeps a guest's small.
  # Trove bugs make a long-lived one unpublishable: past guest_log_limit (1,000,000 characters) its
  # publish adds newlines where it splits lines (the answer says Rotated), and a failed publish of any
  # log holding a character outside Latin-1 writes that character into this log, whose own publish
  # then fails the same way for good.
  in_guest "$key" bash -c 'log=/var/log/trove/trove-guestagent.log; if [[ -f $log ]]; then mv -f "$log" "$log.1"; fi'
  # DOCKER_HOST: the docker-stand-in, asked for /version by the MariaDB manager's constructor.
  (cd / && DOCKER_HOST=tcp://127.0.0.1:$DOCKER_PORT launch "guest-$key-agent" \
    nsenter --mount="/proc/$holder/ns/mnt" -- /usr/bin/trove-guestagent \
    --config-file /etc/trove/conf.d/guest_info.conf --config-file /etc/trove/conf.d/trove-guestagent.conf)
}

# Waits until every guest answers a log list as its owner, through Keystone, trove-api and RabbitMQ.
wait_chain() {
  local key targets=() user password
  for key in "${GUESTS[@]}"; do
    case ${OWNER[$key]} in
      demo) user=demo password=$KEYSTONE_DEMO_PASSWORD ;;
      ops) user=ops-user password=$KEYSTONE_OPS_PASSWORD ;;
    esac
    targets+=("$user:$password:$(owner_project "$key"):${INSTANCE[$key]}")
  done
  "$PY" "$HERE/trove-ready.py" "${TROVE_START_TIMEOUT:-120}" "$(transport_url)" "$API_URL" "${targets[@]}" \
    2>"$LOGS/ready.log" || {
    tail -1 "$LOGS/ready.log" >&2
    for key in api conductor rabbitmq; do
      running_pid "$key" >/dev/null || fail_with_log "$key" "$LOGS/$key.log" "$key is not running"
    done
    for key in "${GUESTS[@]}"; do
      running_pid "guest-$key-agent" >/dev/null ||
        fail_with_log "guest-$key-agent" "$LOGS/guest-$key-agent.log" "guest agent $key is not running"
      say "guest agent $key's log ends with:"
      tail -4 "$RUN/guests/$key/upper/_var_log/trove/trove-guestagent.log" >&2 || true
    done
    fail_with_log api "$LOGS/api.log" "the log list did not answer through the whole chain"
  }
  sed 's/^\[trove\] /trove: /' "$LOGS/ready.log" >&2
}

write_env() {
  cat >"$RUN/env" <<EOF
# Debian's real Trove 18 at $API_URL (Keystone region $REGION), started by $HERE/trove.sh
export TROVE_LOGS_TEST_TROVE_REGION=$REGION
export TROVE_LOGS_TEST_TROVE_URL=$API_URL
export TROVE_LOGS_TEST_TROVE_INSTANCE=${INSTANCE[a]}
export TROVE_LOGS_TEST_TROVE_OTHER_INSTANCE=${INSTANCE[b]}
export TROVE_LOGS_TEST_TROVE_GUEST_SQL_PORT=${SQL_PORT[a]}
export TROVE_LOGS_TEST_TROVE_GUEST_SQL_USER=$SQL_USER
export TROVE_LOGS_TEST_TROVE_GUEST_SQL_PASSWORD=$(secret guest-sql)
export TROVE_LOGS_TEST_TROVE_DATASTORE=$DATASTORE
export TROVE_LOGS_TEST_TROVE_DATASTORE_VERSION=$(datastore_version)
export TROVE_LOGS_TEST_TROVE_OTHER_GUEST_SQL_PORT=${SQL_PORT[b]}
export TROVE_LOGS_TEST_TROVE_CONTROL="bash $HERE/trove.sh"
EOF
}

ports_taken_by_others() {
  local name port
  for name in "api:$API_PORT" "rabbitmq:$AMQP_PORT" "rabbitmq:$DIST_PORT" "epmd:$EPMD_PORT" "stand-ins:$NOVA_PORT" \
    "stand-ins:$NEUTRON_PORT" "stand-ins:$DOCKER_PORT"; do
    port=${name#*:}
    running_pid "${name%%:*}" >/dev/null && continue
    port_open "$port" && echo "$port"
  done
  return 0
}

# --- commands ------------------------------------------------------------------------------------------------

cmd_start() {
  local started key busy
  started=$(now_ms)
  [[ $(id -u) == 0 ]] || die "run as root (mount namespaces for the guests, packages)"
  mkdir -p "$PIDS" "$LOGS" "$RUN/secrets" "$RUN/guests"
  chmod 700 "$RUN/secrets"
  # shellcheck disable=SC2046 # one word per daemon
  clean_stale_pids $(all_daemons)
  load_keystone
  ensure_packages "${PACKAGES[@]}"
  busy=$(ports_taken_by_others | tr '\n' ' ')
  [[ -z $busy ]] || die "ports in use by something else: $busy(see the TROVE_*_PORT settings in $0)"
  write_configs
  start_rabbitmq # boots in the background (the longest part) while the rest is set up
  start_stand_ins
  # The guest machines (namespace, MariaDB) meanwhile, in parallel: a fresh data directory takes seconds.
  local jobs=()
  for key in "${GUESTS[@]}"; do
    start_guest_machine "$key" &
    jobs+=($!)
  done
  provision_keystone
  seed
  start_api_and_conductor
  for key in "${jobs[@]}"; do wait "$key" || exit 1; done
  # The agents connect once RabbitMQ listens (oslo.messaging retries every 1-2 s).
  for key in "${GUESTS[@]}"; do start_agent "$key"; done
  wait_rabbitmq
  wait_chain
  write_env
  say "ready in $(seconds_since "$started") s: $API_URL (region $REGION); logs in $LOGS"
  cat "$RUN/env"
}

cmd_stop() {
  local any=0 name key
  mkdir -p "$PIDS"
  for name in $(all_daemons); do running_pid "$name" >/dev/null && any=1; done
  for key in "${GUESTS[@]}"; do stop_daemon "guest-$key-agent" & done
  stop_daemon api &
  stop_daemon conductor &
  stop_daemon stand-ins &
  wait
  for key in "${GUESTS[@]}"; do stop_daemon "guest-$key-db" & done
  stop_daemon rabbitmq &
  wait
  for key in "${GUESTS[@]}"; do stop_daemon "guest-$key-ns"; done
  stop_daemon epmd
  rm -f "$RUN/env"
  if ((any)); then say "stopped"; else say "was not running"; fi
}

cmd_status() {
  local name pid rc=0
  for name in $(all_daemons); do
    if pid=$(pid_of "$name"); then
      printf '%-18s running, pid %s\n' "$name" "$pid"
    else
      printf '%-18s stopped\n' "$name"
      rc=3
    fi
  done
  if curl -sf --max-time 3 -o /dev/null "$API_URL/"; then echo "trove-api answers at $API_URL"; else
    echo "trove-api does not answer at $API_URL"
    rc=3
  fi
  return $rc
}

cmd_expose() {
  local list=${1:-} key
  [[ $list == default ]] && list=$DEFAULT_EXPOSED
  [[ $list =~ ^[a-z_]+(,[a-z_]+)*$ ]] || die "expose takes a comma list of log names (e.g. guest,error) or \`default\`"
  for key in "${GUESTS[@]}"; do
    running_pid "guest-$key-ns" >/dev/null || die "not running; start it with: bash $HERE/trove.sh start"
  done
  load_keystone
  echo "$list" >"$RUN/exposed"
  write_configs
  for key in "${GUESTS[@]}"; do stop_daemon "guest-$key-agent" & done
  wait
  for key in "${GUESTS[@]}"; do start_agent "$key"; done
  wait_chain
  say "guest_log_exposed_logs = $list"
}

cmd_stop_part() {
  local key
  case ${1:-} in
    api | conductor | rabbitmq) stop_daemon "$1" ;;
    guest) for key in "${GUESTS[@]}"; do stop_daemon "guest-$key-agent"; done ;;
    *) die "stop-part takes api, conductor, rabbitmq or guest" ;;
  esac
  say "stopped $1 (\`bash $HERE/trove.sh start\` brings it back)"
}

# One changing command at a time: tests may call expose/stop-part/start from parallel workers.
if [[ ${1:-} == @(start|stop|expose|stop-part) ]]; then
  mkdir -p "$RUN"
  exec 9>"$RUN/lock"
  flock 9
fi

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  expose) cmd_expose "${2:-}" ;;
  stop-part) cmd_stop_part "${2:-}" ;;
  env) if [[ -f $RUN/env ]]; then cat "$RUN/env"; else die "not started"; fi ;;
  *)
    echo "usage: $0 start|stop|status|env|expose LIST|stop-part api|conductor|rabbitmq|guest" >&2
    exit 2
    ;;
esac
