# shellcheck shell=bash
# Shared by the benchmarks: a two-namespace veth path, the agent jar, and
# writing a result row to docs/benchmarks.md. Everything created is removed
# on exit; processes are killed by PID only.
set -euo pipefail
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bin/jdk25.sh
. "$BENCH_ROOT/bin/jdk25.sh"
linkguard_find_jdk25 || exit 2
JAR="$BENCH_ROOT/agent/target/linkguard.jar"
TAG="lgb$$"
NS_A="$TAG-a"
NS_B="$TAG-b"
PIDS=()
BENCH_EXTRA_NS=()   # namespaces made by bench_netns_pair, deleted on exit
BENCH_FRR_NS=()     # namespaces with FRR daemons from bench_frr_start, stopped on exit
OUT=$(mktemp -d /tmp/linkguard-bench.XXXXXX)

[ "$(id -u)" -eq 0 ] || { echo "benchmarks need root (namespaces, raw sockets)" >&2; exit 2; }

bench_cleanup() {
  local p
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  for p in "${BENCH_FRR_NS[@]:-}"; do
    [ -n "$p" ] && bench_frr_stop "$p"
  done
  ip netns del "$NS_A" 2>/dev/null || true
  ip netns del "$NS_B" 2>/dev/null || true
  for p in "${BENCH_EXTRA_NS[@]:-}"; do
    [ -n "$p" ] && ip netns del "$p" 2>/dev/null || true
  done
}
trap bench_cleanup EXIT

bench_build() {
  if [ ! -f "$JAR" ]; then
    (cd "$BENCH_ROOT" && mvn -q -B -DskipTests package)
  fi
}

# Two namespaces joined by veth: A=198.18.0.1/30, B=198.18.0.2/30.
bench_two_hosts() {
  ip netns add "$NS_A"
  ip netns add "$NS_B"
  ip -n "$NS_A" link set lo up
  ip -n "$NS_B" link set lo up
  ip link add "${TAG}a" netns "$NS_A" type veth peer name "${TAG}b" netns "$NS_B"
  ip -n "$NS_A" addr add 198.18.0.1/16 dev "${TAG}a"
  ip -n "$NS_B" addr add 198.18.0.2/16 dev "${TAG}b"
  ip -n "$NS_A" link set "${TAG}a" up
  ip -n "$NS_B" link set "${TAG}b" up
}

# The agent as bin/linkguard runs it: the same JVM options file (bin/jvm.options), so a
# benchmark measures the heap and compiler settings that ship. Word-split by the callers.
bench_java() {
  echo "env MALLOC_ARENA_MAX=2 $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED @$BENCH_ROOT/bin/jvm.options -jar $JAR"
}

# The heap settings of bench_java, for the notes column of a row.
bench_heap_flags() {
  grep -oE -- '^(-Xm[xn][0-9]+[kmgKMG]|-XX:M[a-z]+HeapFreeRatio=[0-9]+)' "$BENCH_ROOT/bin/jvm.options" |
    sed 's/-XX:MinHeapFreeRatio=/MinFree /; s/-XX:MaxHeapFreeRatio=/MaxFree /' | tr '\n' ' ' | sed 's/ $//'
}

# CPU seconds (user+system) a live process has used so far.
bench_cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}

# Peak RSS of a live process, in MB.
bench_peak_rss_mb() {
  awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "nan"; exit} if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# bench_row BENCHMARK "| cells |": appends a row under the benchmark's table in docs/benchmarks.md.
bench_row() {
  local name=$1 row=$2 file="$BENCH_ROOT/docs/benchmarks.md"
  if [ "${BENCH_QUICK:-0}" = 1 ]; then
    echo "(quick mode: not recorded) $row"
    return
  fi
  python3 - "$file" "$name" "$row" <<'PY'
import sys
path, name, row = sys.argv[1:]
lines = open(path).read().split("\n")
start = lines.index(f"<!-- rows:{name} -->")
end = start + 1
while end < len(lines) and lines[end].startswith("|"):
    end += 1
lines.insert(end, row)
open(path, "w").write("\n".join(lines))
PY
  echo "$row"
}

# bench_netns_pair NS_X NS_Y DEV_X DEV_Y CIDR_X CIDR_Y: two more namespaces joined by veth,
# the same shape as bench_two_hosts (deleted on exit).
bench_netns_pair() {
  local nx=$1 ny=$2 dx=$3 dy=$4 ax=$5 ay=$6
  ip netns add "$nx"
  BENCH_EXTRA_NS+=("$nx")
  ip netns add "$ny"
  BENCH_EXTRA_NS+=("$ny")
  ip -n "$nx" link set lo up
  ip -n "$ny" link set lo up
  ip link add "$dx" netns "$nx" type veth peer name "$dy" netns "$ny"
  ip -n "$nx" addr add "$ax" dev "$dx"
  ip -n "$ny" addr add "$ay" dev "$dy"
  ip -n "$nx" link set "$dx" up
  ip -n "$ny" link set "$dy" up
}

# FRR (zebra + bfdd) inside a namespace with its own path space (-N NS), as the interop
# tests run it. Daemons run under TZ=UTC and log to bench_frr_log NS with µs timestamps.
bench_frr_dir() { echo "/var/run/frr/$1"; }
bench_frr_log() { echo "/var/run/frr/$1/frr.log"; }

# bench_frr_start NS CONFIG_TEXT: CONFIG_TEXT is the bfd section ("bfd\n peer ...\n!").
bench_frr_start() {
  local ns=$1 conf=$2 run="/var/run/frr/$1" etc="/etc/frr/$1" d i
  [ -x /usr/lib/frr/bfdd ] || { echo "FRR bfdd is not installed (apt-get install frr)" >&2; return 2; }
  mkdir -p "$run" "$etc"
  BENCH_FRR_NS+=("$ns")
  printf 'frr defaults traditional\nhostname %s\nlog file %s\nlog timestamp precision 6\n' \
    "$ns" "$(bench_frr_log "$ns")" >"$etc/zebra.conf"
  { cat "$etc/zebra.conf"; printf 'debug bfd peer\n%s\n' "$conf"; } >"$etc/bfdd.conf"
  : >"$etc/vtysh.conf"
  chown -R frr:frr "$run" "$etc"
  for d in zebra bfdd; do
    TZ=UTC ip netns exec "$ns" "/usr/lib/frr/$d" -N "$ns" -d -f "$etc/$d.conf" -i "$run/$d.pid" \
      >>"$OUT/frr-$ns-$d.out" 2>&1
    for i in $(seq 1 100); do [ -S "$run/$d.vty" ] && break; sleep 0.1; done
    [ -S "$run/$d.vty" ] || { echo "FRR $d did not start in $ns" >&2; cat "$OUT/frr-$ns-$d.out" >&2; return 1; }
  done
}

# PID of an FRR daemon started by bench_frr_start, checked against its command line.
bench_frr_pid() {
  local ns=$1 d=$2 f="/var/run/frr/$1/$2.pid" p
  [ -f "$f" ] || return 1
  p=$(tr -dc 0-9 <"$f")
  [ -n "$p" ] && [ -r "/proc/$p/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$p/cmdline" | grep -q -- "/usr/lib/frr/$d -N $ns " || return 1
  echo "$p"
}

# Stops bfdd and zebra by the PIDs in their pid files (TERM, then KILL after 5 s), removes their dirs.
bench_frr_stop() {
  local ns=$1 d p i
  for d in bfdd zebra; do
    p=$(bench_frr_pid "$ns" "$d") || continue
    kill "$p" 2>/dev/null || true
    for i in $(seq 1 50); do [ -d "/proc/$p" ] && [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" != Z ] || break; sleep 0.1; done
    if [ -d "/proc/$p" ] && [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" != Z ]; then
      kill -9 "$p" 2>/dev/null || true
    fi
  done
  rm -rf "/var/run/frr/$ns" "/etc/frr/$ns"
  return 0
}

bench_vtysh() {
  local ns=$1 a=()
  shift
  for c in "$@"; do a+=(-c "$c"); done
  ip netns exec "$ns" vtysh -N "$ns" "${a[@]}"
}

# A busy machine (BRIEF, Conventions): one CPU-bound process at normal priority beside the benchmark
# for its whole window. bench_busy_start [LIMIT_S] starts a shell spin in the root namespace, bounded
# by itself (it stops after LIMIT_S, default 3600, even if nothing stops it) and killed by PID on exit;
# bench_busy_stop kills it by PID and prints the share of a CPU it got ("busy: 97% of a CPU over 41 s").
BENCH_BUSY_PID=
BENCH_BUSY_T0=
bench_busy_start() {
  local limit=${1:-3600}
  [ -z "$BENCH_BUSY_PID" ] || { echo "bench_busy_start: already running (PID $BENCH_BUSY_PID)" >&2; return 1; }
  # A fresh bash (not a subshell of this one: it must not inherit the EXIT trap), no nice: normal priority.
  bash -c 'end=$((SECONDS + $1)); while [ "$SECONDS" -lt "$end" ]; do :; done' busy "$limit" </dev/null >/dev/null 2>&1 &
  BENCH_BUSY_PID=$!
  BENCH_BUSY_T0=$(date +%s.%N)
  PIDS+=("$BENCH_BUSY_PID")
  sleep 0.2
  [ -d "/proc/$BENCH_BUSY_PID" ] || { echo "bench_busy_start: the busy loop did not start" >&2; BENCH_BUSY_PID=; return 1; }
  echo "busy: CPU-bound loop running beside the benchmark (PID $BENCH_BUSY_PID, nice $(ps -o ni= -p "$BENCH_BUSY_PID" | tr -d ' '))"
}

# Drops a PID that is gone from the ones killed on exit (its number may be reused).
bench_forget_pid() {
  local q keep=()
  for q in "${PIDS[@]:-}"; do
    [ "$q" = "$1" ] || keep+=("$q")
  done
  PIDS=("${keep[@]:-}")
}

bench_busy_stop() {
  local p=$BENCH_BUSY_PID cpu wall
  [ -n "$p" ] || return 0
  BENCH_BUSY_PID=
  if [ -d "/proc/$p" ]; then
    cpu=$(bench_cpu_seconds "$p")
    wall=$(echo "$(date +%s.%N) $BENCH_BUSY_T0" | awk '{print $1 - $2}')
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
    bench_forget_pid "$p"
    awk -v c="$cpu" -v w="$wall" 'BEGIN {printf "busy: the loop got %.0f%% of a CPU over %.0f s\n", 100 * c / w, w}'
  else
    echo "busy: the loop had already ended (limit reached?): the window was not busy throughout" >&2
    return 1
  fi
}

# Nearest-rank percentile Q (0..100) of the numbers on stdin.
percentile() { sort -g | awk -v q="$1" '{a[NR]=$1} END {if (NR==0) {print "nan"; exit} i=int((q*NR+99)/100); if (i<1) i=1; print a[i]}'; }
