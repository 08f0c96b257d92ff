#!/usr/bin/env bash
# Codec micro-benchmarks (BenchmarkDotNet, Release, JIT): translation OpenAI Chat <-> Anthropic Messages per streamed
# event, per non-streamed response and per request, next to the passthrough path. No network.
# Usage: bench/codecs.sh [BenchmarkDotNet args]   (default: --filter '*' --job short --iterationCount 5: about 3 minutes on 2 cores)
# Output: BenchmarkDotNet's GitHub-markdown tables, concatenated into bench/out/codecs/codecs.md (and printed).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ARTIFACTS="$ROOT/bench/out/codecs"
PROJECT="$ROOT/bench/FlowRouter.Bench.Codecs/FlowRouter.Bench.Codecs.csproj"
[[ $# -eq 0 ]] && set -- --filter '*' --job short --iterationCount 5

rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
dotnet build "$PROJECT" -c Release >"$ARTIFACTS/build.log" 2>&1 || { cat "$ARTIFACTS/build.log" >&2; exit 1; }
dotnet "$ROOT/bench/FlowRouter.Bench.Codecs/bin/Release/net10.0/FlowRouter.Bench.Codecs.dll" \
  --artifacts "$ARTIFACTS" "$@" | tee "$ARTIFACTS/console.log"

{
  echo "<!-- bench/codecs.sh $* ($(date -u '+%Y-%m-%d %H:%M UTC')) -->"
  for report in "$ARTIFACTS"/results/*-report-github.md; do
    [[ -e "$report" ]] || continue
    echo
    echo "### $(basename "$report" -report-github.md | sed 's/^FlowRouter\.Bench\.Codecs\.//')"
    echo
    cat "$report"
  done
} >"$ARTIFACTS/codecs.md"
echo
echo "markdown tables: $ARTIFACTS/codecs.md"
