#!/usr/bin/env bash
# End-to-end load harness: the AOT router in front of a fast fake upstream, against the fake alone, with wrk.
# Usage: bench/run.sh [--skip-publish]
# Env:   BENCH_DURATION (s per measurement, default 10), BENCH_WARMUP (s, default 2), BENCH_COLD_RUNS (default 5),
#        BENCH_ROUTER_ARGS (extra router flags, for experiments only), BENCH_RESULTS (default bench/RESULTS.md).
# Everything listens on and is loaded through 127.0.0.1 only; every process started here is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
OUT="$BENCH/out"
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-2}
COLD_RUNS=${BENCH_COLD_RUNS:-5}
ROUTER_ARGS=${BENCH_ROUTER_ARGS:-}
RESULTS_MD=${BENCH_RESULTS:-$BENCH/RESULTS.md}
COMMAND="bench/run.sh${*:+ $*}"
[[ -n "$ROUTER_ARGS" ]] && COMMAND="BENCH_ROUTER_ARGS='$ROUTER_ARGS' $COMMAND"
SKIP_PUBLISH=0
[[ "${1:-}" == "--skip-publish" ]] && SKIP_PUBLISH=1

WORK=$(mktemp -d /tmp/flowrouter-bench.XXXXXX)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

for tool in wrk python3 dotnet; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is required (apt-get install -y wrk clang python3)" >&2; exit 1; }
done

publish() { # project output-dir
  local logfile="$WORK/publish-$(basename "$2").log"
  if ! dotnet publish "$ROOT/$1" -c Release -r linux-x64 -o "$2" >"$logfile" 2>&1; then
    cat "$logfile" >&2
    exit 1
  fi
  # Warnings are errors in this repo, but say so loudly if one ever slips through (e.g. a NoWarn added later).
  if grep -qiE ': warning [A-Z]+[0-9]+' "$logfile"; then
    grep -iE ': warning [A-Z]+[0-9]+' "$logfile" | sort -u >&2
    echo "bench: publishing $1 produced warnings" >&2
    exit 1
  fi
}

if [[ $SKIP_PUBLISH == 0 ]]; then
  log "publishing the router (Native AOT) to bench/out/router"
  publish src/FlowRouter "$OUT/router"
  log "publishing the fake upstream (Native AOT) to bench/out/upstream"
  publish bench/FlowRouter.Bench.Upstream "$OUT/upstream"
fi
ROUTER_BIN="$OUT/router/flowrouter"
UPSTREAM_BIN="$OUT/upstream/flowrouter-bench-upstream"
[[ -x "$ROUTER_BIN" && -x "$UPSTREAM_BIN" ]] || { echo "bench: binaries missing; run without --skip-publish" >&2; exit 1; }

wait_for_port() { # logfile pid -> prints the port from the "listening on http://127.0.0.1:PORT" line
  local i port
  for ((i = 0; i < 1000; i++)); do
    port=$(sed -n 's#.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*#\1#p' "$1" | head -n1)
    if [[ -n "$port" ]]; then echo "$port"; return 0; fi
    kill -0 "$2" 2>/dev/null || { cat "$1" >&2; echo "bench: process exited early" >&2; return 1; }
    sleep 0.01
  done
  cat "$1" >&2
  echo "bench: no 'listening on' line after 10 s" >&2
  return 1
}

status_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; } # pid VmRSS|VmHWM
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime, in clock ticks

log "starting the fake upstream"
"$UPSTREAM_BIN" 0 >"$WORK/upstream.log" 2>&1 &
UPSTREAM_PID=$!
PIDS+=("$UPSTREAM_PID")
UPSTREAM_PORT=$(wait_for_port "$WORK/upstream.log" "$UPSTREAM_PID")
UPSTREAM_BASE="http://127.0.0.1:$UPSTREAM_PORT/v1"

cat >"$WORK/config.yaml" <<YAML
providers:
  - id: fake
    type: openai
    base_url: $UPSTREAM_BASE
    models: [gpt-4o-mini]
    api_key: bench-key-not-secret
  - id: dead                  # nothing listens on port 9: its first failure puts it to rest (then probes)
    type: openai
    base_url: http://127.0.0.1:9/v1
    models: [gpt-4o-mini]
    api_key: bench-key-not-secret
combos:
  - name: cooled              # the first target rests, so every request walks past it to the fake
    targets: [dead/gpt-4o-mini, fake/gpt-4o-mini]
YAML

log "starting the router (default log level, output to a file)"
# shellcheck disable=SC2086 # ROUTER_ARGS is a list of flags on purpose
"$ROUTER_BIN" --config "$WORK/config.yaml" --data-dir "$WORK/data" --port 0 $ROUTER_ARGS >"$WORK/router.log" 2>&1 &
ROUTER_PID=$!
PIDS+=("$ROUTER_PID")
ROUTER_PORT=$(wait_for_port "$WORK/router.log" "$ROUTER_PID")
sleep 1 # let start-up work (store migration, timers) settle before calling it idle
IDLE_RSS_KB=$(status_kb "$ROUTER_PID" VmRSS)
log "router on 127.0.0.1:$ROUTER_PORT, idle RSS $((IDLE_RSS_KB / 1024)) MB; upstream on 127.0.0.1:$UPSTREAM_PORT"

RESULTS="$WORK/results.txt"
: >"$RESULTS"
measure() { # kind(json|stream) conns threads target(direct|router|translated)
  # translated: an Anthropic Messages client (bench/messages.lua) → router /v1/messages → OpenAI fake upstream.
  local kind=$1 conns=$2 threads=$3 target=$4 url model stream=0 script="$BENCH/chat.lua" cpu0 cpu1 up0 up1 line
  if [[ $target == router ]]; then
    url="http://127.0.0.1:$ROUTER_PORT/v1/chat/completions"; model="fake/gpt-4o-mini"
  elif [[ $target == combo ]]; then
    url="http://127.0.0.1:$ROUTER_PORT/v1/chat/completions"; model="cooled"
  elif [[ $target == translated ]]; then
    url="http://127.0.0.1:$ROUTER_PORT/v1/messages"; model="fake/gpt-4o-mini"; script="$BENCH/messages.lua"
  else
    url="$UPSTREAM_BASE/chat/completions"; model="gpt-4o-mini"
  fi
  [[ $kind == stream ]] && stream=1
  BENCH_MODEL=$model BENCH_STREAM=$stream wrk -t"$threads" -c"$conns" -d"${WARMUP}s" -s "$script" "$url" >/dev/null
  cpu0=$(cpu_ticks "$ROUTER_PID"); up0=$(cpu_ticks "$UPSTREAM_PID")
  BENCH_MODEL=$model BENCH_STREAM=$stream wrk --latency -t"$threads" -c"$conns" -d"${DURATION}s" -s "$script" "$url" \
    >"$WORK/wrk-$kind-$conns-$target.txt"
  cpu1=$(cpu_ticks "$ROUTER_PID"); up1=$(cpu_ticks "$UPSTREAM_PID")
  line=$(grep '^BENCH ' "$WORK/wrk-$kind-$conns-$target.txt")
  echo "kind=$kind conns=$conns target=$target ${line#BENCH } router_cpu_ticks=$((cpu1 - cpu0)) upstream_cpu_ticks=$((up1 - up0))" >>"$RESULTS"
  log "$kind c=$conns $target: ${line#BENCH }"
}

for kind in json stream; do
  measure "$kind" 1 1 direct
  measure "$kind" 1 1 router
  measure "$kind" 32 2 direct
  measure "$kind" 32 2 router
done
# Routing: a combo whose first target is resting (compared with the "router" rows, which name the target directly).
for kind in json stream; do
  measure "$kind" 1 1 combo
  measure "$kind" 32 2 combo
done
# Translation: the same upstream answers, asked for by an Anthropic Messages client (compared with the "router" rows).
for kind in json stream; do
  measure "$kind" 1 1 translated
  measure "$kind" 32 2 translated
done
PEAK_RSS_KB=$(status_kb "$ROUTER_PID" VmHWM)
AFTER_RSS_KB=$(status_kb "$ROUTER_PID" VmRSS)
LOG_LINES=$(wc -l <"$WORK/router.log")
log "router peak RSS $((PEAK_RSS_KB / 1024)) MB; $LOG_LINES lines logged"

log "cold start, $COLD_RUNS runs"
python3 "$BENCH/coldstart.py" "$ROUTER_BIN" "$UPSTREAM_BASE" "$COLD_RUNS" | tee "$WORK/coldstart.txt" >&2
COLD=$(grep '^COLDSTART ' "$WORK/coldstart.txt")

{
  echo "idle_rss_kb=$IDLE_RSS_KB peak_rss_kb=$PEAK_RSS_KB after_rss_kb=$AFTER_RSS_KB log_lines=$LOG_LINES"
  echo "${COLD#COLDSTART }"
} >"$WORK/summary.txt"

python3 "$BENCH/report.py" "$RESULTS" "$WORK/summary.txt" "$RESULTS_MD" "$COMMAND" "$DURATION" "$WARMUP" "$(getconf CLK_TCK)"
