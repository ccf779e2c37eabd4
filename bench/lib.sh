# shellcheck shell=bash disable=SC2034,SC2154
# (SC2034/SC2154: the functions set and read globals of the script that sources this file.)
# Shared parts of the benchmarks (bench/api-load, bench/message-load, bench/outbox/run). Source it after
# scripts/lib/common.sh, with `duration` and `io_threads` set; do not run it. Sourcing it installs
# the EXIT/INT/TERM traps that stop and remove everything the benchmark started.
#
#   bench_check_sql LABEL COPY FILE FUNCTION [N]  die unless FUNCTION's N-th query in FILE sends COPY
#   bind_sql SQL TEXT...                    SQL with $1, $2… replaced by the given texts
#   bench_build                             Debian packages, wrk, pgbench, the release build; sets server, pgbench
#   bench_out NAME                          the raw-output folder build/bench/NAME-<date> (or BENCH_OUT); sets out
#   bench_start_cluster [CONFIG_LINE...]    throwaway PostgreSQL 15 cluster with a database "practicum";
#                                           sets pg_dir, pg_port, postmaster_pid, database_url
#   bench_seed_demo                         practicum-server seed-demo; sets seeded (its output, in memory only)
#   seeded_password EMAIL                   the password seed-demo printed for EMAIL
#   start_server POOL / stop_server         practicum-server serve on a free port; sets server_pid, api_url
#   bench_login EMAIL PASSWORD              prints a bearer token
#   run_child COMMAND...                    runs COMMAND so that Ctrl-C stops it at once; with cpu_file
#                                           set, samples the CPU use into that file (see below)
#   run_wrk LOG WRK_ARGS...                 one wrk run into LOG, refused on errors; sets wrk_rps,
#                                           wrk_p50, wrk_p99 (ms), wrk_socket_errors
#   to_ms DURATION                          a wrk duration ("812.00us", "3.41ms") in ms
#   cpu_line LABEL FILE RATE LOADER         one line of the summary's CPU table
#   cpu_normalised_ratio API_FILE RPS PG_FILE TPS   CPU per pgbench transaction / CPU per API request
#   other_cpu_warning                       prints a warning when other processes used a core's quarter
#   machine_description                     "<n> cores (nproc), <CPU>, <RAM> RAM, <kernel>"

# --- The SQL under test --------------------------------------------------------------------------
# bench_check_sql LABEL COPY FILE FUNCTION [N]: the benchmarks keep a copy of each statement they
# give pgbench, reviewed by hand (its parameters bound to the request's values); this refuses to run
# when the C++ source (bench/source_sql.py reads it) no longer sends exactly that text.
bench_check_sql() {
  local label=$1 copy=$2 now
  now=$(python3 "$PRACTICUM_ROOT/bench/source_sql.py" "${@:3}") ||
    practicum_die "cannot read $label's SQL from $3: update ${0##*/}"
  [[ $now == "$copy" ]] ||
    practicum_die "$label's SQL changed in $3; review it and copy it into ${0##*/}:
$now"
}

# Replaces $1, $2… in SQL by the given texts, in order.
bind_sql() { # SQL TEXT...
  python3 -c 'import re, sys
sql, values = sys.argv[1], sys.argv[2:]
print(re.sub(r"\$(\d+)", lambda m: values[int(m.group(1)) - 1], sql))' "$@"
}

# --- Clean-up ------------------------------------------------------------------------------------
pg_dir=''
server_pid=''
child_pid=''
sampler=''
# shellcheck disable=SC2317 # called by the trap
bench_cleanup() {
  local status=$?
  trap - INT TERM EXIT
  if [[ -n $child_pid ]]; then kill -TERM "$child_pid" 2>/dev/null || true; fi
  if [[ -n $sampler ]]; then kill -TERM "$sampler" 2>/dev/null || true; fi
  stop_server
  if [[ -n $pg_dir ]]; then
    pg_cluster_stop "$pg_dir" >/dev/null 2>&1 || true
    rm -rf -- "$pg_dir"
  fi
  exit "$status"
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Build, cluster, demo data -------------------------------------------------------------------
bench_build() {
  local preset=release
  server=${BENCH_SERVER:-$PRACTICUM_ROOT/build/$preset/server/practicum-server}
  practicum_say "checking Debian packages"
  practicum_install_deps
  command -v wrk >/dev/null || practicum_die "wrk not found (apt-get install wrk)"
  pgbench=$(pg_bin)/pgbench
  [[ -x $pgbench ]] || pgbench=$(command -v pgbench) || practicum_die "pgbench not found (postgresql-client-15)"

  if [[ -n ${BENCH_SERVER:-} ]]; then
    practicum_say "using $server (BENCH_SERVER)"
  elif [[ ${BENCH_SKIP_BUILD:-0} == 1 ]]; then
    practicum_say "using the existing build (BENCH_SKIP_BUILD=1)"
  else
    practicum_say "building (preset $preset)"
    practicum_use_ccache
    local log
    log=$(cmake --preset "$preset" 2>&1 && cmake --build --preset "$preset" --parallel "$(nproc)" 2>&1) || {
      printf '%s\n' "$log" | grep -E -A3 'error|FAILED' | tail -n 30 >&2
      practicum_die "the release build failed (BENCH_SKIP_BUILD=1 benchmarks the existing build)"
    }
  fi
  [[ -x $server ]] || practicum_die "$server was not built"
}

bench_out() { # NAME
  out=${BENCH_OUT:-$PRACTICUM_ROOT/build/bench/$1-$(date +%Y%m%d-%H%M%S)}
  mkdir -p -- "$out"
  out=$(cd -- "$out" && pwd -P)
}

# bench_start_cluster [CONFIG_LINE...]: the lines are appended to postgresql.conf before the start.
# shellcheck disable=SC2120 # the lines are optional
bench_start_cluster() {
  practicum_say "starting a throwaway PostgreSQL 15 cluster"
  pg_dir=$(mktemp -d /tmp/practicum-bench-pg.XXXXXX)
  pg_cluster_init "$pg_dir" --throwaway
  if (($# > 0)); then printf '%s\n' "$@" >>"$pg_dir/data/postgresql.conf"; fi
  pg_port=$(free_port)
  pg_cluster_start "$pg_dir" "$pg_port"
  postmaster_pid=$(head -n 1 "$pg_dir/data/postmaster.pid")
  write_cpu_sampler
  pg_psql "$pg_port" -c 'CREATE DATABASE practicum'
  database_url="postgresql://postgres@127.0.0.1:$pg_port/practicum"
}

bench_seed_demo() {
  practicum_say "seeding the demo data"
  seeded=$(PRACTICUM_DATABASE_URL=$database_url "$server" seed-demo) ||
    practicum_die "practicum-server seed-demo failed (status $?)"
  printf '%s\n' "$seeded" | grep -v '^created' >"$out/seed.txt" || true # no passwords on disk
}

seeded_password() { # EMAIL
  local password
  password=$(printf '%s\n' "$seeded" | awk -v email="$1" '$1 == "created" && $3 == email {print $4}')
  [[ -n $password ]] || practicum_die "seed-demo did not print the password of $1:
$seeded"
  printf '%s\n' "$password"
}

bench_login() { # EMAIL PASSWORD
  python3 - "$api_url" "$1" "$2" <<'EOF' || practicum_die "signing in as $1 failed"
import json, sys, urllib.request
body = json.dumps({"email": sys.argv[2], "password": sys.argv[3]}).encode()
req = urllib.request.Request(sys.argv[1] + "/api/v1/auth/login", data=body,
                             headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(req, timeout=10))["token"])
EOF
}

# --- The server ----------------------------------------------------------------------------------
stop_server() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=''
}

# start_server POOL: practicum-server on a free port; sets server_pid and api_url. It runs in the
# raw-output folder, so whatever it writes to relative paths (the mail drop without SMTP) lands
# there, not in the repository.
start_server() {
  local pool=$1 port i
  port=$(free_port)
  api_url=http://127.0.0.1:$port
  (cd -- "$out" && PRACTICUM_DATABASE_URL=$database_url PRACTICUM_LISTEN=127.0.0.1:$port PRACTICUM_ACCESS_LOG=0 \
    PRACTICUM_DB_POOL=$pool PRACTICUM_IO_THREADS=$io_threads PRACTICUM_DRAIN_TIMEOUT_S=2 \
    exec "$server" serve >>"$out/server.log" 2>&1) &
  server_pid=$!
  for ((i = 0; i < 300; i++)); do
    if python3 -c 'import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/readyz", timeout=1)' "$api_url" 2>/dev/null; then
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 20 -- "$out/server.log" >&2 || true
  practicum_die "practicum-server did not become ready (log: $out/server.log)"
}

# --- Running the load ----------------------------------------------------------------------------
# Runs a command in the background and waits for it, so that Ctrl-C/SIGTERM reach our trap at once
# (bash defers traps while a foreground command runs); bench_cleanup() then stops the command.
# With cpu_file set, also samples where the CPU goes while it runs (see cpu_sampler.py) into that
# file: from cpu_delay seconds after the start (default 1) for duration - 2 seconds.
cpu_file=''
cpu_delay=1
run_child() {
  "$@" &
  child_pid=$!
  local status=0
  if [[ -n $cpu_file ]] && ((duration >= 3)); then
    python3 "$out/cpu_sampler.py" "$server_pid" "$postmaster_pid" "$child_pid" "$cpu_delay" $((duration - 2)) >"$cpu_file" &
    sampler=$!
  fi
  wait "$child_pid" || status=$?
  child_pid=''
  if [[ -n $sampler ]]; then wait "$sampler" || true; fi
  sampler=''
  return "$status"
}

# A small program: after DELAY seconds, measures for SECONDS how many cores the server, the
# cluster (postmaster and its children), the load generator, interrupts (irq and softirq time,
# which the kernel charges to no process) and everything else keep busy.
# Prints "server=… postgres=… loader=… irq=… other=… busy=…" in cores (1.00 = one core all the time).
write_cpu_sampler() {
  cat >"$out/cpu_sampler.py" <<'EOF'
import os, sys, time
server, postmaster, loader = (int(p) if p else 0 for p in sys.argv[1:4])
delay, seconds = float(sys.argv[4]), float(sys.argv[5])

def ticks(pid):
    try:
        f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
        return int(f[1]), int(f[11]) + int(f[12])  # ppid, utime + stime (all threads)
    except (OSError, IndexError):
        return None, 0

def snapshot():
    groups = {'server': ticks(server)[1] if server else 0, 'loader': 0,
              'postgres': ticks(postmaster)[1]}
    for name in os.listdir('/proc'):
        if name.isdigit():
            ppid, t = ticks(int(name))
            if postmaster and ppid == postmaster:
                groups['postgres'] += t
            # the load generator, and any process it started (none today)
            if int(name) == loader or (loader and ppid == loader):
                groups['loader'] += t
    cpu = [int(x) for x in open('/proc/stat').readline().split()[1:9]]
    groups['busy'] = sum(cpu) - cpu[3] - cpu[4]  # all but idle and iowait
    # Interrupts, mostly the loopback network's softirqs: the load's own work, but no process's.
    groups['irq'] = cpu[5] + cpu[6]
    return groups

time.sleep(delay)
a = snapshot(); time.sleep(seconds); b = snapshot()
hz = os.sysconf('SC_CLK_TCK')
cores = {k: max(b[k] - a[k], 0) / hz / seconds for k in a}
cores['other'] = max(cores['busy'] - cores['server'] - cores['postgres'] - cores['loader'] - cores['irq'], 0)
print(' '.join(f'{k}={cores[k]:.2f}' for k in ('server', 'postgres', 'loader', 'irq', 'other', 'busy')))
EOF
}

# Milliseconds of a wrk duration ("812.00us", "3.41ms", "1.02s", "2.00m").
to_ms() {
  awk -v d="$1" 'BEGIN {
    n = d + 0; u = d; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
    if (f < 0) exit 1
    printf "%.2f", n * f }'
}

# run_wrk LOG WRK_ARGS...: one wrk run (--latency among the arguments), CPU sampled when cpu_file
# is set. Non-2xx answers or a server crash are fatal; wrk's socket errors (a "timeout" is a
# request unanswered within 2 s) are reported in wrk_socket_errors, not fatal.
run_wrk() {
  local log=$1
  shift
  run_child wrk "$@" >"$log" 2>&1 || {
    cat -- "$log" >&2
    practicum_die "wrk failed"
  }
  if grep -q 'Non-2xx or 3xx responses' "$log" || ! kill -0 "$server_pid" 2>/dev/null; then
    cat -- "$log" >&2
    practicum_die "the API answered with errors during the run (see $log and $out/server.log)"
  fi
  wrk_socket_errors=$(awk '/^ *Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' "$log")
  wrk_rps=$(awk '/^Requests\/sec:/ {print $2}' "$log")
  wrk_p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$log")")
  wrk_p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$log")")
  [[ -n $wrk_rps && -n $wrk_p50 && -n $wrk_p99 ]] || {
    cat -- "$log" >&2
    practicum_die "cannot read wrk's output ($log)"
  }
}

# --- The summary ---------------------------------------------------------------------------------
# cpu_line LABEL FILE RATE LOADER: one line of the CPU table.
cpu_line() {
  local f=$2 rate=$3
  [[ -s $f ]] || return 0
  awk -v label="$1" -v rate="$rate" -v loader="$4" -v line="$(cat "$f")" 'BEGIN {
    n = split(line, kv, " ")
    for (i = 1; i <= n; i++) { split(kv[i], p, "="); c[p[1]] = p[2] }
    printf "              %-14s server %4.2f  postgres %4.2f  %-7s %4.2f  irq %4.2f  other %4.2f  |  %4.0f + %4.0f us/request\n",
      label, c["server"], c["postgres"], loader, c["loader"], c["irq"], c["other"],
      c["server"] / rate * 1e6, c["postgres"] / rate * 1e6 }'
}

# CPU per pgbench transaction / CPU per API request, load generators included: the ratio an
# otherwise idle machine would show when both runs keep every core busy. Empty without samples.
cpu_normalised_ratio() { # API_CPU_FILE RPS PGBENCH_CPU_FILE TPS
  [[ -s $1 && -s $3 ]] || return 0
  awk -v api="$(cat "$1")" -v rps="$2" -v pg="$(cat "$3")" -v tps="$4" 'BEGIN {
      n = split(api, kv, " "); for (i = 1; i <= n; i++) { split(kv[i], p, "="); a[p[1]] = p[2] }
      n = split(pg, kv, " "); for (i = 1; i <= n; i++) { split(kv[i], p, "="); b[p[1]] = p[2] }
      per_request = (a["server"] + a["postgres"] + a["loader"]) / rps
      per_tx = (b["postgres"] + b["loader"]) / tps
      if (per_request > 0 && per_tx > 0) printf "%.2f", per_tx / per_request }'
}

other_cpu_warning() {
  if cat "$out"/cpu-*.txt 2>/dev/null | tr ' ' '\n' | awk -F= '$1 == "other" && $2 > 0.25 {found = 1} END {exit !found}'; then
    printf '  WARNING     other processes kept more than 0.25 core busy during a run: the figures are low and noisy\n'
  fi
}

machine_description() {
  local cpu mem
  cpu=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  printf '%s cores (nproc), %s, %s RAM, %s\n' "$(nproc)" "$cpu" "$mem" "$(uname -sr)"
}
