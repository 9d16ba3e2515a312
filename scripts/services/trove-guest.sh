#!/usr/bin/env bash
# One Trove guest ("a machine with a database on it") inside a private mount namespace, for
# scripts/services/trove.sh (which runs these steps; not meant to be called by hand):
#
#   unshare --mount --propagation private -- bash trove-guest.sh hold DIR
#       overlays over /etc, /var/log, /opt and /run (their changes go to DIR/upper/*, the host's
#       directories stay untouched) and the guest's volume: /var/lib/mysql as a mount named like the
#       guest's data disk (device_path /dev/vdb), so the agent finds it mounted and formats nothing.
#       Then it sleeps: the namespace lives while this process does.
#   nsenter --mount=/proc/<holder>/ns/mnt -- bash trove-guest.sh prepare DIR
#       what the guest image and the agent's `prepare` would have left: the `database` user, my.cnf,
#       the data directory (trove.sh copies the agent's config files into /etc/trove/conf.d).
#   nsenter … -- bash trove-guest.sh users DIR SQL_USER SQL_PASSWORD
#       once MariaDB answers: Trove's os_admin user (+ its .cnf, as the agent's `secure()` writes it)
#       and the test SQL user reachable over TCP from the host.
#
# DIR holds: guest.env (the SQL port), trove-guestagent.conf and guest_info.conf (trove.sh copies them to
# their real guest paths), upper/ and work/ (overlay layers), volume/ (the data disk's contents).
set -euo pipefail

step=$1 DIR=$2
UID_DB=1001 # Trove's database_service_uid
OVERLAID=(/etc /var/log /opt /run)

hold() {
  local path name
  for path in "${OVERLAID[@]}"; do
    name=${path//\//_}
    mkdir -p "$DIR/upper/$name" "$DIR/work/$name"
    mount -t overlay trove-guest-overlay \
      -o "lowerdir=$path,upperdir=$DIR/upper/$name,workdir=$DIR/work/$name" "$path"
  done
  [[ -d /var/lib/mysql ]] || { echo "trove-guest: /var/lib/mysql is missing (install mariadb-server)" >&2; exit 1; }
  mkdir -p "$DIR/volume" "$DIR/work/volume" "$DIR/empty"
  mount -t overlay /dev/vdb -o "lowerdir=$DIR/empty,upperdir=$DIR/volume,workdir=$DIR/work/volume" /var/lib/mysql
  touch "$DIR/ns-ready"
  exec sleep infinity
}

prepare() {
  # shellcheck source=/dev/null
  source "$DIR/guest.env" # SQL_PORT
  getent group database >/dev/null || groupadd --gid "$UID_DB" database
  getent passwd database >/dev/null || useradd --uid "$UID_DB" --gid "$UID_DB" -M database
  mkdir -p /etc/trove/conf.d /var/log/trove /opt/trove-guestagent /var/run/mysqld /var/lib/mysql/conf.d
  chown database:database /var/run/mysqld /var/lib/mysql
  # The datastore's my.cnf as the agent's prepare writes it from Trove's template (trimmed for a small
  # machine), plus a TCP port on 127.0.0.1 so tests on the host can reach the database.
  rm -f /etc/mysql/my.cnf # Debian's is a symlink into /etc/alternatives: don't write through it
  cat >/etc/mysql/my.cnf <<EOF
[client]
port = $SQL_PORT
socket = /var/run/mysqld/mysqld.sock

[mysqld]
port = $SQL_PORT
bind-address = 127.0.0.1
basedir = /usr
datadir = /var/lib/mysql/data
tmpdir = /var/tmp
pid_file = /var/run/mysqld/mysqld.pid
socket = /var/run/mysqld/mysqld.sock
log_error = /var/log/mysqld.log
skip-external-locking = 1
skip-name-resolve = 1
skip-log-bin = 1
performance_schema = OFF
# Small buffers: ~55 MB resident instead of ~110 MB with the defaults.
innodb_buffer_pool_size = 8M
innodb_log_file_size = 8M
innodb_log_buffer_size = 1M
innodb_use_native_aio = 0
key_buffer_size = 1M
aria_pagecache_buffer_size = 1M
query_cache_size = 0
table_open_cache = 64
tmp_table_size = 1M
max_heap_table_size = 1M
thread_cache_size = 2
max_connections = 30
default_storage_engine = innodb
local-infile = 0
server_id = 1

!includedir /etc/mysql/conf.d/
EOF
  touch /var/log/mysqld.log
  chown database:database /var/log/mysqld.log
  if [[ ! -d /var/lib/mysql/data/mysql ]]; then
    mkdir -p /var/lib/mysql/data
    chown database:database /var/lib/mysql/data
    mariadb-install-db --no-defaults --user=database --basedir=/usr --datadir=/var/lib/mysql/data \
      --auth-root-authentication-method=socket --skip-test-db >"$DIR/install-db.log" 2>&1 || {
      tail -20 "$DIR/install-db.log" >&2
      rm -rf /var/lib/mysql/data
      echo "trove-guest: mariadb-install-db failed (log: $DIR/install-db.log)" >&2
      exit 1
    }
  fi
}

sql() { mariadb --no-defaults --protocol=socket --socket=/var/run/mysqld/mysqld.sock -uroot --batch "$@"; }
quote() { printf '%s' "$1" | sed "s/'/''/g"; }

users() {
  local sql_user=$1 sql_password=$2 cnf=/var/lib/mysql/conf.d/os_admin.cnf admin_password
  admin_password=$(sed -n 's/^password = //p' "$cnf" 2>/dev/null || true)
  [[ -n $admin_password ]] || admin_password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  sql <<EOF
CREATE USER IF NOT EXISTS 'os_admin'@'localhost' IDENTIFIED BY '$(quote "$admin_password")';
ALTER USER 'os_admin'@'localhost' IDENTIFIED BY '$(quote "$admin_password")';
GRANT ALL PRIVILEGES ON *.* TO 'os_admin'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS trove_logs_test;
CREATE USER IF NOT EXISTS '$sql_user'@'127.0.0.1' IDENTIFIED BY '$(quote "$sql_password")';
ALTER USER '$sql_user'@'127.0.0.1' IDENTIFIED BY '$(quote "$sql_password")';
GRANT ALL PRIVILEGES ON trove_logs_test.* TO '$sql_user'@'127.0.0.1';
EOF
  (
    umask 077
    printf '[client]\nuser = os_admin\npassword = %s\nhost = localhost\n\n' "$admin_password" >"$cnf"
  )
  # The agent's heartbeat (SELECT 1 → conductor → HEALTHY) runs only once prepare has finished.
  touch /opt/trove-guestagent/.guestagent.prepare.start /opt/trove-guestagent/.guestagent.prepare.end
}

case $step in
  hold) hold ;;
  prepare) prepare ;;
  users) users "$3" "$4" ;;
  *)
    echo "usage: trove-guest.sh hold|prepare|users DIR …" >&2
    exit 2
    ;;
esac
