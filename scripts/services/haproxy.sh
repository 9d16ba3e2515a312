#!/usr/bin/env bash
# Debian's `haproxy` in front of Trove Logs replicas on 127.0.0.1: round-robin, no stickiness, each
# request to the next replica (the replicas test; a sample for operators).
#
#   HAPROXY_BACKENDS=127.0.0.1:3561,127.0.0.1:3562 bash scripts/services/haproxy.sh start
#   bash scripts/services/haproxy.sh stop|status|env
#
# Port: HAPROXY_PORT (default 3560). Everything lives under
# $TROVE_LOGS_SERVICES_DIR/haproxy-<port> (default /tmp/trove-logs-services/haproxy-3560): haproxy.cfg,
# pids/, logs/. Health checks (GET /readyz every 500 ms) take a stopping replica out of the rotation
# within a second and put it back when it is ready again; a request that meets a replica going away
# (connection refused, or closed with no answer) is sent again to another one, so a rolling restart
# loses nothing (bench/replicas.ts measures it).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SERVICE=haproxy
# shellcheck source=common.sh
source "$HERE/common.sh"
PORT=${HAPROXY_PORT:-3560}
RUN=${TROVE_LOGS_SERVICES_DIR:-/tmp/trove-logs-services}/haproxy-$PORT
PIDS=$RUN/pids
LOGS=$RUN/logs
CONFIG=$RUN/haproxy.cfg

write_config() {
  local backends=${HAPROXY_BACKENDS:-} index=0 server
  [[ -n $backends ]] || die "set HAPROXY_BACKENDS=host:port[,host:port…] (the replicas)"
  {
    cat <<CFG
global
  maxconn 2048

defaults
  mode http
  timeout connect 2s
  timeout client 300s
  timeout server 300s
  # /readyz may take up to its own 2 s check time; a slower answer under load is not a dead replica.
  timeout check 3s
  # A request whose replica just went away is sent again, to another replica: the connection was
  # refused (a stopped listener), or closed before any answer (an idle kept-alive connection the
  # stopping replica closed as the request went out, or one left in its accept queue).
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response
  option forwardfor

frontend dashboard
  bind 127.0.0.1:$PORT
  default_backend replicas

backend replicas
  balance roundrobin
  # /readyz turns 503 as soon as a replica begins to stop (it finishes what it has meanwhile). Two
  # failed checks in a row take it out: one slow answer on a busy machine does not empty the backend.
  option httpchk GET /readyz
  http-check expect status 200
  default-server check inter 500 fall 2 rise 1
CFG
    IFS=, read -ra servers <<<"$backends"
    for server in "${servers[@]}"; do
      index=$((index + 1))
      echo "  server replica-$index $server"
    done
  } >"$CONFIG"
}

start() {
  mkdir -p "$PIDS" "$LOGS"
  clean_stale_pids haproxy
  if running_pid haproxy >/dev/null; then
    say "already running (pid $(pid_of haproxy)) on 127.0.0.1:$PORT"
    echo "export TROVE_LOGS_TEST_HAPROXY_URL=http://127.0.0.1:$PORT"
    return 0
  fi
  port_open "$PORT" && die "port $PORT is taken by another process; set HAPROXY_PORT"
  ensure_packages haproxy
  write_config
  haproxy -c -q -f "$CONFIG" || die "invalid configuration $CONFIG"
  # -db: in the foreground (launch keeps it in its own session, with its pid file).
  launch haproxy haproxy -db -f "$CONFIG"
  local waited=0
  until port_open "$PORT"; do
    running_pid haproxy >/dev/null || {
      tail -20 "$LOGS/haproxy.log" >&2
      die "haproxy exited (log: $LOGS/haproxy.log)"
    }
    ((waited++ < 100)) || die "haproxy does not listen on 127.0.0.1:$PORT"
    sleep 0.1
  done
  say "ready on 127.0.0.1:$PORT"
  echo "export TROVE_LOGS_TEST_HAPROXY_URL=http://127.0.0.1:$PORT"
}

case ${1:-} in
  start) start ;;
  stop)
    mkdir -p "$PIDS"
    stop_daemon haproxy
    say "stopped"
    ;;
  status)
    if running_pid haproxy >/dev/null && port_open "$PORT"; then
      say "running (pid $(pid_of haproxy)) on 127.0.0.1:$PORT"
    else
      say "not running"
      exit 1
    fi
    ;;
  env) echo "export TROVE_LOGS_TEST_HAPROXY_URL=http://127.0.0.1:$PORT" ;;
  *) die "usage: $0 start|stop|status|env" ;;
esac
