# Shared by swift.sh, mariadb.sh and postgresql.sh (sourced after they set SERVICE, their name in
# messages): messages, telling our processes from recycled PIDs, ports, and installing Debian packages.

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
