#!/usr/bin/env bash
# Interleaved A/B of two router binaries against one fake upstream: on a shared, noisy machine a before/after pair of
# bench/run.sh runs minutes apart differs by more than most changes do, so this alternates A and B for each scenario,
# several rounds, and reports each one's median. Both routers run all the time (the idle one costs nothing).
# Usage: bench/ab.sh ROUTER_A ROUTER_B [ROUNDS]     (binaries as bench/run.sh publishes them, e.g. bench/out/router/flowrouter)
# Env:   AB_DURATION (s per measurement, default 8), AB_UPSTREAM (fake upstream binary, default bench/out/upstream/...),
#        AB_ENV_A / AB_ENV_B (extra environment for one side, e.g. "DOTNET_GCConserveMemory=0": the same binary twice
#        with a knob turned), AB_ONLY (a regex: only the scenarios whose name matches).
# Everything listens on and is loaded through 127.0.0.1 only; every process started here is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
A_BIN=${1:?router A}
B_BIN=${2:?router B}
ROUNDS=${3:-3}
DURATION=${AB_DURATION:-8}
UPSTREAM_BIN=${AB_UPSTREAM:-$BENCH/out/upstream/flowrouter-bench-upstream}

WORK=$(mktemp -d /tmp/flowrouter-ab.XXXXXX)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for_port() { # logfile pid
  local i port
  for ((i = 0; i < 1000; i++)); do
    port=$(sed -n 's#.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*#\1#p' "$1" | head -n1)
    if [[ -n "$port" ]]; then echo "$port"; return 0; fi
    kill -0 "$2" 2>/dev/null || { cat "$1" >&2; return 1; }
    sleep 0.01
  done
  return 1
}

"$UPSTREAM_BIN" 0 >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
UPSTREAM_PORT=$(wait_for_port "$WORK/upstream.log" "${PIDS[-1]}")
cat >"$WORK/config.yaml" <<YAML
providers:
  - { id: fake, type: openai, base_url: "http://127.0.0.1:$UPSTREAM_PORT/v1", models: [gpt-4o-mini], api_key: bench-key-not-secret }
  - { id: dead, type: openai, base_url: "http://127.0.0.1:9/v1", models: [gpt-4o-mini], api_key: bench-key-not-secret }
combos:
  - { name: cooled, targets: [dead/gpt-4o-mini, fake/gpt-4o-mini] }
YAML

declare -A PORT
for side in A B; do
  bin=$A_BIN; extra=${AB_ENV_A:-}
  [[ $side == B ]] && bin=$B_BIN && extra=${AB_ENV_B:-}
  # shellcheck disable=SC2086 # extra is a list of NAME=value words on purpose
  env $extra "$bin" --config "$WORK/config.yaml" --data-dir "$WORK/data-$side" --port 0 >"$WORK/router-$side.log" 2>&1 &
  PIDS+=($!)
  PORT[$side]=$(wait_for_port "$WORK/router-$side.log" "${PIDS[-1]}")
done

# scenario: name path model stream conns threads script
SCENARIOS=(
  "chat-json-c1 chat/completions fake/gpt-4o-mini 0 1 1 chat.lua"
  "chat-json-c32 chat/completions fake/gpt-4o-mini 0 32 2 chat.lua"
  "chat-stream-c1 chat/completions fake/gpt-4o-mini 1 1 1 chat.lua"
  "chat-stream-c32 chat/completions fake/gpt-4o-mini 1 32 2 chat.lua"
  "combo-json-c32 chat/completions cooled 0 32 2 chat.lua"
  "messages-json-c1 messages fake/gpt-4o-mini 0 1 1 messages.lua"
  "messages-stream-c32 messages fake/gpt-4o-mini 1 32 2 messages.lua"
)
for scenario in "${SCENARIOS[@]}"; do
  read -r name path model stream conns threads script <<<"$scenario"
  [[ -n "${AB_ONLY:-}" && ! $name =~ $AB_ONLY ]] && continue
  for ((round = 1; round <= ROUNDS; round++)); do
    for side in A B; do
      url="http://127.0.0.1:${PORT[$side]}/v1/$path"
      BENCH_MODEL=$model BENCH_STREAM=$stream wrk -t"$threads" -c"$conns" -d2s -s "$BENCH/$script" "$url" >/dev/null
      line=$(BENCH_MODEL=$model BENCH_STREAM=$stream wrk --latency -t"$threads" -c"$conns" -d"${DURATION}s" -s "$BENCH/$script" "$url" | grep '^BENCH ')
      echo "$name $side ${line#BENCH }" | tee -a "$WORK/ab.txt" >&2
    done
  done
done

python3 - "$WORK/ab.txt" <<'PY'
import statistics, sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, side, *fields = line.split()
    values = dict(f.split("=", 1) for f in fields)
    runs[(name, side)].append((float(values["rps"]), float(values["p50_us"]), float(values["p99_us"])))
print("| scenario | A req/s | B req/s | B/A | A p50 | B p50 | A p99 | B p99 |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for name in dict.fromkeys(n for n, _ in runs):
    a = [statistics.median(x) for x in zip(*runs[(name, "A")])]
    b = [statistics.median(x) for x in zip(*runs[(name, "B")])]
    print(f"| {name} | {a[0]:,.0f} | {b[0]:,.0f} | {b[0] / a[0]:.0%} | {a[1] / 1000:.3f} ms | {b[1] / 1000:.3f} ms | {a[2] / 1000:.3f} ms | {b[2] / 1000:.3f} ms |")
PY
