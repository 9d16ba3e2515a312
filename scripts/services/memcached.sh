#!/usr/bin/env bash
# A private memcached on 127.0.0.1 (Debian's `memcached`): the shared session and publish store of
# several Trove Logs replicas (TROVE_LOGS_MEMCACHED), for tests and local use.
#
#   bash scripts/services/memcached.sh start    install the package if missing, start, print the env
#   bash scripts/services/memcached.sh stop     stop the server `start` started (nothing else)
#   bash scripts/services/memcached.sh status   whether it runs and answers
#   bash scripts/services/memcached.sh env      the settings to export (eval "$(bash scripts/services/memcached.sh env)")
#
# Everything lives under $TROVE_LOGS_SERVICES_DIR/memcached (default /tmp/trove-logs-services/memcached):
# pids/, logs/. Port: MEMCACHED_PORT (default 11212, so a system memcached on 11211 is left alone).
# Listens on 127.0.0.1 only, TCP only (no UDP: its amplification is the classic memcached abuse).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SERVICE=memcached
# shellcheck source=common.sh
source "$HERE/common.sh"
RUN=${TROVE_LOGS_SERVICES_DIR:-/tmp/trove-logs-services}/memcached
PORT=${MEMCACHED_PORT:-11212}
PIDS=$RUN/pids
LOGS=$RUN/logs
MEMORY_MB=${MEMCACHED_MEMORY_MB:-64}

answers() {
  # `version` over the text protocol; memcached answers "VERSION x.y.z".
  local reply
  reply=$(
    exec 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$PORT" || exit 1
    printf 'version\r\n' >&3
    read -r -t 2 line <&3 && echo "$line"
  ) || return 1
  [[ $reply == VERSION* ]]
}

print_env() {
  echo "export TROVE_LOGS_MEMCACHED=127.0.0.1:$PORT"
  echo "export TROVE_LOGS_TEST_MEMCACHED=127.0.0.1:$PORT"
}

start() {
  mkdir -p "$PIDS" "$LOGS"
  clean_stale_pids memcached
  if running_pid memcached >/dev/null; then
    answers || die "running (pid $(pid_of memcached)) but not answering on 127.0.0.1:$PORT"
    print_env
    return 0
  fi
  port_open "$PORT" && die "port $PORT is taken by another process; set MEMCACHED_PORT"
  ensure_packages memcached
  local user=()
  # memcached refuses to run as root without -u.
  [[ $(id -u) == 0 ]] && user=(-u nobody)
  launch memcached /usr/bin/memcached "${user[@]}" -l 127.0.0.1 -p "$PORT" -U 0 -m "$MEMORY_MB" -c 1024
  local waited=0
  until answers; do
    running_pid memcached >/dev/null || {
      tail -20 "$LOGS/memcached.log" >&2
      die "memcached exited (log: $LOGS/memcached.log)"
    }
    ((waited++ < 100)) || die "memcached does not answer on 127.0.0.1:$PORT"
    sleep 0.1
  done
  say "ready on 127.0.0.1:$PORT"
  print_env
}

status() {
  if running_pid memcached >/dev/null && answers; then
    say "running (pid $(pid_of memcached)) on 127.0.0.1:$PORT"
  else
    say "not running"
    return 1
  fi
}

case ${1:-} in
  start) start ;;
  stop)
    mkdir -p "$PIDS"
    stop_daemon memcached
    say "stopped"
    ;;
  status) status ;;
  env) print_env ;;
  *) die "usage: $0 start|stop|status|env" ;;
esac
