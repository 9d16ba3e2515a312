#!/usr/bin/env bash
# A private MariaDB server on 127.0.0.1 (Debian's `mariadb-server`), for tests and local use.
#
#   bash scripts/services/mariadb.sh start    install the package if missing, start, create the users, print the env
#   bash scripts/services/mariadb.sh stop     stop the server `start` started (nothing else)
#   bash scripts/services/mariadb.sh status   whether it runs and answers
#   bash scripts/services/mariadb.sh env      the settings to export (eval "$(bash scripts/services/mariadb.sh env)")
#
# Everything lives under $TROVE_LOGS_SERVICES_DIR/mariadb (default /tmp/trove-logs-services/mariadb):
# data/ (the datadir), run/ (socket, pid), logs/ (the server's error log; Trove Logs' test log directories go
# below it, owned by mysql), password (mode 0600), env. The server runs as the `mysql` user with
# --no-defaults: /etc/mysql is neither read nor changed.
#
# Port: MARIADB_PORT (default 3307, so a system MariaDB on 3306 is left alone).
# Users (password in <run dir>/password, or MARIADB_TEST_PASSWORD):
#   trove_logs           SUPER, as Trove's guest agent has: may SET GLOBAL general_log & co.
#   trove_logs_limited   no privileges: for the "missing privileges" tests
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SERVICE=mariadb
# shellcheck source=common.sh
source "$HERE/common.sh"
RUN=${TROVE_LOGS_SERVICES_DIR:-/tmp/trove-logs-services}/mariadb
PORT=${MARIADB_PORT:-3307}
DATA=$RUN/data
SOCKET_DIR=$RUN/run
SOCKET=$SOCKET_DIR/mariadbd.sock
LOGS=$RUN/logs
PID_FILE=$RUN/mariadbd.pid # ours: "PID STARTTIME" of the process we launched
USER_NAME=trove_logs
LIMITED_USER=trove_logs_limited
OS_USER=mysql

running_pid() {
  local pid started
  [[ -f $PID_FILE ]] || return 1
  read -r pid started <"$PID_FILE" || true
  [[ -n ${pid:-} ]] && alive "$pid" "${started:-}" && echo "$pid $started"
}

client() { mariadb --no-defaults --protocol=socket --socket="$SOCKET" -uroot --batch --skip-column-names "$@"; }

answers() { mariadb-admin --no-defaults --protocol=socket --socket="$SOCKET" -uroot --connect-timeout=2 ping >/dev/null 2>&1; }

ensure_packages() {
  if command -v mariadbd >/dev/null && command -v mariadb-install-db >/dev/null && command -v mariadb >/dev/null; then
    return 0
  fi
  [[ $(id -u) == 0 ]] || die "mariadb-server is missing; install it as root: apt-get install mariadb-server"
  say "installing mariadb-server (its post-install starts no daemon here)"
  local started=$SECONDS
  apt_install "$LOGS/apt.log" mariadb-server
  say "installed in $((SECONDS - started)) s"
}

prepare_dirs() {
  [[ $(id -u) == 0 ]] || die "run as root: the server runs as the $OS_USER user in $RUN"
  id "$OS_USER" >/dev/null 2>&1 || die "no $OS_USER user (is mariadb-server installed?)"
  mkdir -p "$RUN" "$DATA" "$SOCKET_DIR" "$LOGS"
  chmod 0755 "$RUN"
  chown "$OS_USER:$OS_USER" "$DATA" "$SOCKET_DIR" "$LOGS"
  chmod 0750 "$DATA"
  chmod 0755 "$SOCKET_DIR" "$LOGS"
  runuser -u "$OS_USER" -- test -w "$LOGS" ||
    die "$RUN is not reachable for the $OS_USER user; set TROVE_LOGS_SERVICES_DIR to a directory it can enter"
  if [[ ! -s $RUN/password ]]; then
    (
      umask 077
      printf '%s' "${MARIADB_TEST_PASSWORD:-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}" >"$RUN/password"
    )
  fi
}

initialize() {
  [[ -d $DATA/mysql ]] && return 0
  say "creating the datadir $DATA"
  mariadb-install-db --no-defaults --user="$OS_USER" --basedir=/usr --datadir="$DATA" \
    --auth-root-authentication-method=socket --skip-test-db >"$LOGS/install.log" 2>&1 || {
    tail -20 "$LOGS/install.log" >&2
    rm -rf "${DATA:?}"/*
    die "mariadb-install-db failed (log: $LOGS/install.log)"
  }
}

launch() {
  # setsid: a Ctrl-C meant for the caller's foreground job does not reach the server.
  setsid mariadbd --no-defaults --user="$OS_USER" --basedir=/usr --datadir="$DATA" \
    --socket="$SOCKET" --pid-file="$SOCKET_DIR/mariadbd.pid" --port="$PORT" --bind-address=127.0.0.1 \
    --log-error="$LOGS/error.log" --skip-name-resolve --skip-log-bin --performance-schema=OFF \
    --innodb-buffer-pool-size=32M --innodb-log-file-size=16M --innodb-use-native-aio=0 \
    --max-connections=60 >>"$LOGS/stdout.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid $(start_time "$pid")" >"$PID_FILE"
}

wait_until_answers() {
  local deadline=$((SECONDS + ${MARIADB_START_TIMEOUT:-60}))
  until answers; do
    if ! running_pid >/dev/null; then
      say "the server exited during start-up; the end of $LOGS/error.log:"
      tail -20 "$LOGS/error.log" >&2 || true
      rm -f "$PID_FILE"
      exit 1
    fi
    ((SECONDS < deadline)) || {
      stop_server
      die "the server did not answer in time; see $LOGS/error.log"
    }
    sleep 0.1
  done
}

create_users() {
  local password
  password=$(sed "s/'/''/g" "$RUN/password")
  client <<EOF
CREATE USER IF NOT EXISTS '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS '$USER_NAME'@'localhost' IDENTIFIED BY '$password';
ALTER USER '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER '$USER_NAME'@'localhost' IDENTIFIED BY '$password';
GRANT SUPER ON *.* TO '$USER_NAME'@'127.0.0.1';
GRANT SUPER ON *.* TO '$USER_NAME'@'localhost';
CREATE USER IF NOT EXISTS '$LIMITED_USER'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS '$LIMITED_USER'@'localhost' IDENTIFIED BY '$password';
ALTER USER '$LIMITED_USER'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER '$LIMITED_USER'@'localhost' IDENTIFIED BY '$password';
EOF
}

write_env() {
  local version
  version=$(client -e 'SELECT VERSION()' 2>/dev/null | sed 's/-.*//')
  cat >"$RUN/env" <<EOF
# MariaDB ${version:-?} on 127.0.0.1:$PORT (socket $SOCKET), started by $HERE/mariadb.sh
export TROVE_LOGS_TEST_MARIADB_HOST=127.0.0.1
export TROVE_LOGS_TEST_MARIADB_PORT=$PORT
export TROVE_LOGS_TEST_MARIADB_SOCKET=$SOCKET
export TROVE_LOGS_TEST_MARIADB_USER=$USER_NAME
export TROVE_LOGS_TEST_MARIADB_LIMITED_USER=$LIMITED_USER
export TROVE_LOGS_TEST_MARIADB_PASSWORD_FILE=$RUN/password
export TROVE_LOGS_TEST_MARIADB_LOG_DIR=$LOGS
export TROVE_LOGS_TEST_MARIADB_VERSION=${version:-10.11}
EOF
}

stop_server() {
  local pid started waited=0
  read -r pid started < <(running_pid) || {
    rm -f "$PID_FILE"
    return 1
  }
  kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid" "$started"; do
    if ((waited == 300)); then
      say "mariadbd ($pid) is still shutting down after 30 s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.1
    waited=$((waited + 1))
    ((waited < 400)) || die "mariadbd ($pid) does not exit"
  done
  rm -f "$PID_FILE"
}

cmd_start() {
  local started_ns
  started_ns=$(date +%s%N)
  if running_pid >/dev/null && answers; then
    say "already running on 127.0.0.1:$PORT"
    [[ -f $RUN/env ]] || write_env
    cat "$RUN/env"
    return 0
  fi
  if running_pid >/dev/null; then
    say "running but not answering; restarting it"
    stop_server || true
  fi
  rm -f "$PID_FILE"
  port_open "$PORT" && die "port $PORT is in use by something else (set MARIADB_PORT to move)"
  ensure_packages
  prepare_dirs
  initialize
  launch
  wait_until_answers
  create_users
  write_env
  local ms=$((($(date +%s%N) - started_ns) / 1000000))
  say "started in $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s on 127.0.0.1:$PORT; logs in $LOGS"
  cat "$RUN/env"
}

cmd_stop() {
  if stop_server; then say "stopped"; else say "was not running"; fi
}

cmd_status() {
  local line
  if line=$(running_pid); then
    if answers; then
      echo "mariadbd running, pid ${line%% *}, on 127.0.0.1:$PORT (socket $SOCKET)"
      return 0
    fi
    echo "mariadbd running, pid ${line%% *}, but not answering"
    return 3
  fi
  echo "mariadbd stopped"
  return 3
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) if [[ -f $RUN/env ]]; then cat "$RUN/env"; else die "not started"; fi ;;
  *)
    echo "usage: $0 start|stop|status|env" >&2
    exit 2
    ;;
esac
