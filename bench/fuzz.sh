#!/usr/bin/env bash
# Input fuzz at scale: the fuzzer of `dotnet test` (tests/FlowRouter.IntegrationTests/Fuzz/InputFuzzTests.cs: recorded
# requests mutated at byte and JSON level, fixed seed, against the real server with a provider of each wire format on
# a fake upstream), with many more bodies. The run fails on any 500, any request without an answer within 30 s, any
# 4xx outside the client's own error shape, any error in the server's log, or a server that no longer serves.
# Usage: bench/fuzz.sh [bodies per route, default 100000] [seed, default 2402]
#        (7 routes: chat, responses, messages, gemini, and the three count routes)
# Output: bench/out/fuzz/report.txt (bodies, statuses per route, mutations, duration) and test.log.
# Everything listens on 127.0.0.1 only; the test stops what it starts.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/bench/out/fuzz"
BODIES=${1:-100000}
SEED=${2:-2402}
PROJECT="$ROOT/tests/FlowRouter.IntegrationTests"

mkdir -p "$OUT"
rm -f "$OUT/report.txt"
echo "[fuzz] building (Release)…" >&2
dotnet build "$PROJECT" -c Release >"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; exit 1; }
echo "[fuzz] $BODIES bodies per route, seed $SEED" >&2
status=0
FLOWROUTER_FUZZ_BODIES=$BODIES FLOWROUTER_FUZZ_SEED=$SEED FLOWROUTER_FUZZ_REPORT="$OUT/report.txt" \
  dotnet test "$PROJECT" -c Release --no-build --filter "FullyQualifiedName~InputFuzzTests" >"$OUT/test.log" 2>&1 || status=$?
if [[ -s "$OUT/report.txt" ]]; then
  cat "$OUT/report.txt"
else
  tail -40 "$OUT/test.log" >&2
fi
grep -E "^(Passed|Failed)!" "$OUT/test.log" >&2 || true
exit "$status"
