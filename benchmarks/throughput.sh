#!/usr/bin/env bash
# Throughput on loopback: wrk against the Knative host serving samples/HelloHttp (GET /hello) and the
# bare CreateSlimBuilder baseline, alternating, in the same run. Bounded: ROUNDS × (3 s warm-up +
# DURATION) per server. Writes benchmarks/results/throughput.md.
#
#   benchmarks/throughput.sh                 # Native AOT, 2 rounds × 10 s each
#   MODE=jit ROUNDS=3 DURATION=15s benchmarks/throughput.sh
#
# Publishing takes the shared build lock; the measurement holds it too, so no build runs meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
MODE=${MODE:-aot}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
LOCK=${PORTABLE_BUILD_LOCK:-/tmp/portable-build.lock}
OUT=${OUT:-benchmarks/results/throughput.md}
work=benchmarks/.work/publish

case "$MODE" in
  jit) publish_args=() ;;
  aot) publish_args=(-r linux-x64 -p:PublishAot=true) ;;
  *) echo "MODE must be jit or aot" >&2; exit 2 ;;
esac

if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

# Same folders as the cold-start harness, so a harness run's output is reused (REPUBLISH=1 forces).
publish() { # project assembly
  local dir="$work/$2-$MODE"
  if [[ "${REPUBLISH:-0}" == 1 || ! -x "$dir/$2" ]]; then
    echo "publish $2 ($MODE)"
    flock "$LOCK" dotnet publish "$1" -c Release -o "$dir" -nologo -v:q "${publish_args[@]}" >"$dir.log" 2>&1 \
      || { echo "publish failed, see $dir.log" >&2; exit 1; }
  fi
}
mkdir -p "$work"
publish samples/HelloHttp HelloHttp
publish benchmarks/Baselines/SlimHello SlimHello

# wrk prints latency as 812.00us / 1.23ms / 1.01s; normalise to ms.
to_ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /[^m]s$/) n*=1000; printf "%.3f", n }'; }

server_pid=
stop_server() {
  if [[ -n "$server_pid" ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=; fi
}
trap stop_server EXIT

measure() { # name assembly → "rps p99ms"
  local port=$((20000 + RANDOM % 20000))
  # Started from its publish folder, as the harness and a container do (appsettings.json is found there).
  (cd "$work/$2-$MODE" && exec env -u ASPNETCORE_URLS PORT=$port "./$2" >/dev/null 2>&1) &
  server_pid=$!
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/hello" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fs "http://127.0.0.1:$port/hello" >/dev/null || { echo "$1 did not answer on port $port" >&2; exit 1; }
  wrk -t1 -c"$CONNECTIONS" -d3s "http://127.0.0.1:$port/hello" >/dev/null
  local out
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$port/hello")
  stop_server
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  errors=$(awk '/Non-2xx|Socket errors/ { print }' <<<"$out")
  [[ -z "$errors" ]] || echo "  $1: $errors" >&2
  echo "$rps $p99"
}

exec 9>"$LOCK"
echo "waiting for $LOCK (no build may run while measuring)"
flock 9
declare -a k_rps k_p99 s_rps s_p99
for round in $(seq 1 "$ROUNDS"); do
  read -r r p < <(measure knative HelloHttp); k_rps+=("$r"); k_p99+=("$p")
  echo "round $round knative: $r req/s, p99 $p ms"
  read -r r p < <(measure slim SlimHello); s_rps+=("$r"); s_p99+=("$p")
  echo "round $round slim:    $r req/s, p99 $p ms"
done
flock -u 9

mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.1f", s / NR }'; }
kr=$(mean "${k_rps[@]}"); kp=$(mean "${k_p99[@]}"); sr=$(mean "${s_rps[@]}"); sp=$(mean "${s_p99[@]}")
rps_ratio=$(awk -v a="$kr" -v b="$sr" 'BEGIN { printf "%.2f", a / b }')
p99_ratio=$(awk -v a="$kp" -v b="$sp" 'BEGIN { printf "%.2f", a / b }')
verdict() { awk -v r="$1" -v l="$2" -v ge="$3" 'BEGIN { ok = ge ? r >= l : r <= l; print ok ? "met" : "**not met**" }'; }
cpu=$(awk -F: '/model name/ { gsub(/^ /, "", $2); print $2; exit }' /proc/cpuinfo)

mkdir -p "$(dirname "$OUT")"
{
  echo "# Throughput: Knative host vs bare minimal API"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC on $cpu, $(nproc) cores; $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); build mode $MODE."
  echo "wrk -t1 -c$CONNECTIONS -d$DURATION --latency on loopback, GET /hello, after a 3 s warm-up; servers alternate, $ROUNDS rounds each; no build ran meanwhile."
  echo "Client and server share the 2 cores, so absolute numbers are low; the ratio is the result."
  echo
  echo "| server | req/s per round | mean req/s | p99 ms per round | mean p99 ms |"
  echo "| --- | --- | ---: | --- | ---: |"
  echo "| Portable Knative host (samples/HelloHttp) | ${k_rps[*]} | $kr | ${k_p99[*]} | $kp |"
  echo "| Baseline: bare CreateSlimBuilder hello | ${s_rps[*]} | $sr | ${s_p99[*]} | $sp |"
  echo
  echo "| target | measured | verdict |"
  echo "| --- | --- | --- |"
  echo "| Knative host RPS ≥ 0.95× bare minimal API | ${rps_ratio}× | $(verdict "$rps_ratio" 0.95 1) |"
  echo "| Knative host p99 ≤ 1.1× bare minimal API | ${p99_ratio}× | $(verdict "$p99_ratio" 1.1 0) |"
} >"$OUT"
cat "$OUT"
