# shellcheck shell=bash
# Shared shell functions of scripts/test and scripts/demo. Source it; do not run it.
#
#   practicum_say / practicum_die         progress line "==> ..." / error and exit
#   practicum_install_deps                install what scripts/debian-packages.txt names and is missing
#   practicum_use_ccache                  let CMake compile through ccache when it is there
#   pg_bin                                folder of the PostgreSQL 15 server programs
#   free_port / port_is_free PORT         loopback TCP ports
#   pg_cluster_init DIR [--throwaway]     a private cluster in DIR (see the layout below)
#   pg_cluster_start DIR PORT / pg_cluster_stop DIR / pg_cluster_running DIR / pg_cluster_port DIR
#   pg_wait_ready PORT [SECONDS]
#   pg_psql PORT [psql args...]           psql as the superuser "postgres" over 127.0.0.1
#
# Layout of a cluster folder DIR (made by pg_cluster_init):
#   DIR/data          PGDATA
#   DIR/run           the unix socket (inside DIR, so it never meets a system cluster's /var/run/postgresql)
#   DIR/postgres.log  the server's log
#   DIR/initdb.log    initdb's output
# PostgreSQL refuses to run as root: when these functions run as root, the cluster belongs to the
# "postgres" user (PRACTICUM_PG_USER) and its programs run through runuser; as any other user the
# cluster simply belongs to that user. DIR and every folder above it must be traversable by that user.
# Authentication is "trust" for the unix socket and 127.0.0.1 only; the server listens on 127.0.0.1
# only; the superuser is called "postgres" whoever owns the files.

PRACTICUM_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
PRACTICUM_PG_USER=${PRACTICUM_PG_USER:-postgres}

practicum_say() { printf '==> %s\n' "$*"; }
practicum_die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Package names of a list: one per line, "#" starts a comment, blank lines are ignored.
practicum_packages() {
  sed -e 's/#.*//' -- "$1" | tr -s ' \t' '\n' | sed -e '/^$/d'
}

# Installs the Debian packages of scripts/debian-packages.txt that are not installed.
# "apt-get update" runs only when something is missing. PRACTICUM_SKIP_DEPS=1 skips all of it.
practicum_install_deps() {
  local list=$PRACTICUM_ROOT/scripts/debian-packages.txt
  if [[ ${PRACTICUM_SKIP_DEPS:-0} == 1 ]]; then
    practicum_say "skipping Debian packages (PRACTICUM_SKIP_DEPS=1)"
    return 0
  fi
  [[ -r $list ]] || practicum_die "package list $list not found"
  command -v dpkg-query >/dev/null || practicum_die "dpkg-query not found: these scripts need Debian 12 (or set PRACTICUM_SKIP_DEPS=1)"

  local pkg status
  local -a wanted missing=()
  mapfile -t wanted < <(practicum_packages "$list")
  for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}\n' "$pkg" 2>/dev/null | head -n 1) || true
    [[ $status == installed ]] || missing+=("$pkg")
  done
  ((${#missing[@]} > 0)) || return 0

  local -a sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || practicum_die "missing Debian packages and no sudo to install them: ${missing[*]}"
    sudo=(sudo)
  fi
  practicum_say "installing Debian packages: ${missing[*]}"
  local -a apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300)
  "${apt[@]}" update
  "${apt[@]}" install -y --no-install-recommends "${missing[@]}"
}

# CMake reads these at configure time when the cache has no launcher yet; a preset that sets one wins.
# CCACHE_BASEDIR lets clones in other folders (CI clones afresh each run) share the cache.
practicum_use_ccache() {
  if command -v ccache >/dev/null; then
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PRACTICUM_ROOT}
    export CMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER:-ccache}
    export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
  fi
}

pg_bin() {
  local dir=${PRACTICUM_PG_BIN:-/usr/lib/postgresql/15/bin}
  [[ -x $dir/pg_ctl && -x $dir/initdb ]] ||
    practicum_die "PostgreSQL 15 server programs not found in $dir (install postgresql-15, or set PRACTICUM_PG_BIN)"
  printf '%s\n' "$dir"
}

# Runs a command as the cluster's owner, from / (the caller's folder may be closed to that user).
pg_as_owner() {
  if ((EUID == 0)); then
    (cd / && runuser -u "$PRACTICUM_PG_USER" -- "$@")
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# True when nothing listens on 127.0.0.1:PORT (nor on a wildcard address covering it).
port_is_free() {
  python3 -c 'import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)' "$1"
}

# pg_cluster_init DIR [--throwaway]
# Creates DIR if needed and a new cluster in it. --throwaway trades durability for speed (no fsync,
# no synchronous commit, no full-page writes): only for clusters that are deleted after use.
pg_cluster_init() {
  local dir mode=${2:-} bin
  dir=$(realpath -m -- "$1")
  bin=$(pg_bin) || return 1
  [[ -z $mode || $mode == --throwaway ]] || practicum_die "pg_cluster_init: unknown option $mode"
  [[ ! -e $dir/data ]] || practicum_die "pg_cluster_init: $dir/data already exists"

  mkdir -p -- "$dir"
  if ((EUID == 0)); then chown "$PRACTICUM_PG_USER:" "$dir"; fi
  chmod 0700 "$dir"
  pg_as_owner mkdir -m 0700 -- "$dir/run"

  local -a opts=(--username=postgres --auth-local=trust --auth-host=trust --encoding=UTF8 --locale=C.UTF-8)
  [[ $mode == --throwaway ]] && opts+=(--no-sync)
  if ! pg_as_owner "$bin/initdb" --pgdata="$dir/data" "${opts[@]}" >"$dir/initdb.log" 2>&1; then
    cat -- "$dir/initdb.log" >&2
    practicum_die "initdb failed in $dir"
  fi

  # A unix socket path is limited to 107 bytes; past that, the cluster is reached over TCP only.
  local sockets=$dir/run
  if ((${#sockets} + 15 > 107)); then sockets=''; fi

  # Writing into the existing files keeps their owner and mode.
  cat >"$dir/data/pg_hba.conf" <<'EOF'
# Written by scripts/lib/common.sh: a private cluster reached from this machine only.
# TYPE  DATABASE     USER  ADDRESS       METHOD
local   all          all                 trust
host    all          all   127.0.0.1/32  trust
local   replication  all                 trust
host    replication  all   127.0.0.1/32  trust
EOF
  {
    printf '\n# --- written by scripts/lib/common.sh (pg_cluster_init) ---\n'
    printf "listen_addresses = '127.0.0.1'\n"
    printf "unix_socket_directories = '%s'\n" "$sockets"
    printf 'max_connections = 200\n'
    printf 'logging_collector = off\n'
    if [[ $mode == --throwaway ]]; then
      printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n'
    fi
  } >>"$dir/data/postgresql.conf"
}

pg_cluster_running() {
  local dir bin
  dir=$(realpath -m -- "$1")
  bin=$(pg_bin) || return 1
  [[ -f $dir/data/PG_VERSION ]] && pg_as_owner "$bin/pg_ctl" status --pgdata="$dir/data" >/dev/null 2>&1
}

# The port a running cluster listens on (line 4 of postmaster.pid).
pg_cluster_port() {
  sed -n 4p -- "$(realpath -m -- "$1")/data/postmaster.pid"
}

# pg_cluster_start DIR PORT: starts the cluster and waits until it accepts connections on
# 127.0.0.1:PORT. pg_ctl detaches the server from the terminal's session, so Ctrl-C reaches the
# calling script (whose trap then stops the cluster in order), not PostgreSQL.
pg_cluster_start() {
  local dir port=$2 bin
  dir=$(realpath -m -- "$1")
  bin=$(pg_bin) || return 1
  if ! pg_as_owner "$bin/pg_ctl" start --pgdata="$dir/data" --log="$dir/postgres.log" \
    --options="-p $port" --wait --timeout=60 --silent; then
    tail -n 30 -- "$dir/postgres.log" >&2 || true
    practicum_die "PostgreSQL did not start (log: $dir/postgres.log)"
  fi
  pg_wait_ready "$port" 30 || practicum_die "PostgreSQL started but does not answer on 127.0.0.1:$port"
}

# Stops the cluster (fast mode: open sessions are ended). Does nothing when it is not running.
pg_cluster_stop() {
  local dir bin
  dir=$(realpath -m -- "$1")
  bin=$(pg_bin) || return 1
  pg_cluster_running "$dir" || return 0
  pg_as_owner "$bin/pg_ctl" stop --pgdata="$dir/data" --mode=fast --wait --timeout=60 --silent
}

pg_wait_ready() {
  local port=$1 seconds=${2:-30} bin i
  bin=$(pg_bin) || return 1
  for ((i = 0; i < seconds * 10; i++)); do
    "$bin/pg_isready" --quiet --host=127.0.0.1 --port="$port" --username=postgres --dbname=postgres && return 0
    sleep 0.1
  done
  return 1
}

pg_psql() {
  local port=$1 bin
  shift
  bin=$(pg_bin) || return 1
  "$bin/psql" --no-psqlrc --quiet --set=ON_ERROR_STOP=1 \
    --host=127.0.0.1 --port="$port" --username=postgres --dbname=postgres "$@"
}
