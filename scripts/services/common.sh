# Shared by swift.sh, mariadb.sh, postgresql.sh and trove.sh (sourced after they set SERVICE, their name in
# messages): messages, telling our processes from recycled PIDs, ports, installing Debian packages, and
# daemons kept in pid files.

say() { printf '%s: %s\n' "$SERVICE" "$*" >&2; }
die() {
  say "$*"
  exit 1
}

# Field 22 of /proc/PID/stat (start time in clock ticks), to tell our process from a recycled PID.
start_time() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  echo "${20}"
}

# Alive = exists, is not a zombie (a stopped server stays one for a while) and is the process we started.
alive() {
  local pid=$1 started=${2:-} stat state
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  state=${stat%% *}
  [[ $state != Z && $state != X ]] || return 1
  [[ -z $started || $(start_time "$pid") == "$started" ]]
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# apt_install LOG ARGS…: `apt-get update`, then `apt-get install ARGS…`, as root, output in LOG (its
# tail is shown when a step fails).
apt_install() {
  local log=$1
  shift
  mkdir -p "$(dirname "$log")"
  apt-get -o DPkg::Lock::Timeout=600 update -qq >"$log" 2>&1 || {
    tail -20 "$log" >&2
    die "apt-get update failed (log: $log)"
  }
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >>"$log" 2>&1 || {
    tail -20 "$log" >&2
    die "apt-get install failed (log: $log)"
  }
}

# ensure_packages PACKAGE…: installs those that are missing (with --no-install-recommends), as root; the
# apt output goes to $LOGS/apt.log.
ensure_packages() {
  local missing=() pkg started=$SECONDS
  for pkg; do
    [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) == "install ok installed" ]] || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) == 0 ]] || die "missing packages (${missing[*]}); install them as root: apt-get install ${missing[*]}"
  say "installing ${missing[*]} (a minute or two on a fresh machine)"
  apt_install "$LOGS/apt.log" --no-install-recommends "$@"
  say "packages installed in $((SECONDS - started)) s"
}

# --- daemons: $PIDS/<name>.pid holds "PID STARTTIME", output goes to $LOGS/<name>.log ---------------------

# Prints "PID STARTTIME" of a daemon we started and that still runs; fails otherwise.
running_pid() {
  local file=$PIDS/$1.pid pid started
  [[ -f $file ]] || return 1
  read -r pid started <"$file" || true
  [[ -n ${pid:-} ]] && alive "$pid" "${started:-}" && echo "$pid $started"
}

# Just the PID of a daemon we started and that still runs.
pid_of() {
  local line
  line=$(running_pid "$1") || return 1
  echo "${line%% *}"
}

# launch NAME COMMAND…: in the background, in its own session (a Ctrl-C meant for the caller's foreground
# job does not reach it), without the caller's fd 9 (a lock some scripts hold).
launch() {
  local name=$1
  shift
  (
    # A daemon keeps no descriptor of its starter's but 0-2: one started under a test's
    # `flock /tmp/trove-logs-e2e.lock …` would otherwise hold that lock for as long as it runs.
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null
  ) &
  local pid=$!
  echo "$pid $(start_time "$pid")" >"$PIDS/$name.pid"
}

descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

# stop_daemon NAME: SIGTERM (SIGKILL after 10 s), wait until it is gone, then the same for whatever it
# had forked and left behind.
stop_daemon() {
  local name=$1 pid started waited=0 children child
  read -r pid started < <(running_pid "$name") || {
    rm -f "$PIDS/$name.pid"
    return 0
  }
  children=$(descendants "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid" "$started"; do
    if ((waited == 100)); then
      say "$name ($pid) ignores SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.1
    waited=$((waited + 1))
    ((waited < 200)) || die "$name ($pid) does not exit"
  done
  for child in $children; do
    if alive "$child"; then kill -TERM "$child" 2>/dev/null || true; fi
  done
  for child in $children; do
    waited=0
    while alive "$child" && ((waited < 50)); do
      sleep 0.1
      waited=$((waited + 1))
    done
    if alive "$child"; then kill -KILL "$child" 2>/dev/null || true; fi
  done
  rm -f "$PIDS/$name.pid"
}

# clean_stale_pids NAME…: forgets the pid files of daemons that are gone.
clean_stale_pids() {
  local name
  for name; do
    if [[ -f $PIDS/$name.pid ]] && ! running_pid "$name" >/dev/null; then rm -f "$PIDS/$name.pid"; fi
  done
}
