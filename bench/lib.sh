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
OUT=$(mktemp -d /tmp/linkguard-bench.XXXXXX)

[ "$(id -u)" -eq 0 ] || { echo "benchmarks need root (namespaces, raw sockets)" >&2; exit 2; }

bench_cleanup() {
  local p
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  ip netns del "$NS_A" 2>/dev/null || true
  ip netns del "$NS_B" 2>/dev/null || true
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

bench_java() {
  echo "env MALLOC_ARENA_MAX=2 $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms4m -Xmx32m -XX:TieredStopAtLevel=1 -Xss256k -jar $JAR"
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
