#!/usr/bin/env bash
# Memory harness: the AOT router in front of the fast fake upstream (bench/FlowRouter.Bench.Upstream); its RSS idle,
# after mixed small requests, after large answers near server.max_answer_mb, and again after a quiet minute.
# Usage: bench/memory.sh [--skip-publish]
# Env:   MEMORY_MIXED (requests, default 10000), MEMORY_LARGE (30 MB answers, default 20), MEMORY_IDLE (seconds after
#        the large answers at which RSS is sampled, default "10,60,90"),
#        MEMORY_ENV (extra environment for the router only, e.g. "DOTNET_GCgen0size=0x1000000", for experiments),
#        MEMORY_ROUTER (another router binary to measure, e.g. an older build; default bench/out/router/flowrouter).
# Prints one markdown table row for bench/RESULTS.md ("Memory after large answers"). 127.0.0.1 only; every process
# started here is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
OUT="$BENCH/out"
MIXED=${MEMORY_MIXED:-10000}
LARGE=${MEMORY_LARGE:-20}
IDLE=${MEMORY_IDLE:-10,60,90}
EXTRA_ENV=${MEMORY_ENV:-}
SKIP_PUBLISH=0
[[ "${1:-}" == "--skip-publish" ]] && SKIP_PUBLISH=1

WORK=$(mktemp -d /tmp/flowrouter-memory.XXXXXX)
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

log() { printf '[memory %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

publish() { # project output-dir
  local logfile="$WORK/publish-$(basename "$2").log"
  if ! dotnet publish "$ROOT/$1" -c Release -r linux-x64 -o "$2" >"$logfile" 2>&1; then
    cat "$logfile" >&2
    exit 1
  fi
}

if [[ $SKIP_PUBLISH == 0 ]]; then
  log "publishing the router and the fake upstream (Native AOT) to bench/out"
  publish src/FlowRouter "$OUT/router"
  publish bench/FlowRouter.Bench.Upstream "$OUT/upstream"
fi
ROUTER_BIN=${MEMORY_ROUTER:-$OUT/router/flowrouter}
UPSTREAM_BIN="$OUT/upstream/flowrouter-bench-upstream"
[[ -x "$ROUTER_BIN" && -x "$UPSTREAM_BIN" ]] || { echo "memory: binaries missing; run without --skip-publish" >&2; exit 1; }

wait_for_port() { # logfile pid -> the port from the "listening on http://127.0.0.1:PORT" line
  local i port
  for ((i = 0; i < 1000; i++)); do
    port=$(sed -n 's#.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*#\1#p' "$1" | head -n1)
    if [[ -n "$port" ]]; then echo "$port"; return 0; fi
    kill -0 "$2" 2>/dev/null || { cat "$1" >&2; echo "memory: process exited early" >&2; return 1; }
    sleep 0.01
  done
  cat "$1" >&2
  return 1
}

"$UPSTREAM_BIN" 0 >"$WORK/upstream.log" 2>&1 &
UPSTREAM_PID=$!
PIDS+=("$UPSTREAM_PID")
UPSTREAM_PORT=$(wait_for_port "$WORK/upstream.log" "$UPSTREAM_PID")

cat >"$WORK/config.yaml" <<YAML
providers:
  - id: fake
    type: openai
    base_url: http://127.0.0.1:$UPSTREAM_PORT/v1
    models: [gpt-4o-mini, big-answer]
    api_key: bench-key-not-secret
YAML

# shellcheck disable=SC2086 # EXTRA_ENV is a list of NAME=value words on purpose
env $EXTRA_ENV "$ROUTER_BIN" --config "$WORK/config.yaml" --data-dir "$WORK/data" --port 0 >"$WORK/router.log" 2>&1 &
ROUTER_PID=$!
PIDS+=("$ROUTER_PID")
ROUTER_PORT=$(wait_for_port "$WORK/router.log" "$ROUTER_PID")
sleep 1 # start-up work (store migration, timers) settles before "idle"
log "router on 127.0.0.1:$ROUTER_PORT${EXTRA_ENV:+ with $EXTRA_ENV}; $MIXED mixed requests, $LARGE large answers, RSS at +$IDLE s"

LINE=$(python3 "$BENCH/memory.py" "$ROUTER_PID" "$ROUTER_PORT" "$MIXED" "$LARGE" "$IDLE")
log "${LINE#MEMORY }"
python3 - "$LINE" "${EXTRA_ENV:-defaults}" <<'PY'
import sys
f = dict(kv.split("=", 1) for kv in sys.argv[1].split()[1:])
mb = lambda k: f"{int(f[k]) / 1024:.1f}"
later = " | ".join(f"{mb(k)} (+{k[6:-3]})" for k in f if k.startswith("after_") and k.endswith("s_kb"))
print(f"| {sys.argv[2]} | {mb('idle_kb')} | {mb('after_mixed_kb')} ({f['mixed_ok']} ok, {f['mixed_failed']} failed) "
      f"| {mb('after_large_kb')} ({f['large_ok']} ok, {f['large_failed']} failed) | {later} | {mb('peak_kb')} |")
PY
