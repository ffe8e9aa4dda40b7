#!/usr/bin/env bash
# Health-monitor benchmarks (needs hyperfine: apt-get install -y hyperfine).
#   usage: benchmarks/health/run.sh [DIR=/tmp/infinity-bench-health] [N=1000]
# Measures, over N repositories of the local provider:
#   warm  — `infinity health` when every head is already in the per-head cache (the target: < 3 s for 1,000)
#   cold  — `infinity health` with an empty state store (every repository's files read through git)
#   metrics — `infinity metrics` after a pass
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-/tmp/infinity-bench-health}
n=${2:-1000}
swift build -c release --product infinity > /dev/null
bin=$(realpath .build/release/infinity)
benchmarks/health/setup.sh "$dir" "$n" "$bin"
config="$dir/config/orchestrator.yml"

hyperfine --warmup 1 --runs 10 --export-markdown "$dir/warm.md" \
  -n "health warm ($n repos)" "$bin health --config $config"
hyperfine --runs 3 --export-markdown "$dir/cold.md" \
  --prepare "rm -f $dir/.infinity/state.sqlite $dir/.infinity/state.sqlite-wal $dir/.infinity/state.sqlite-shm" \
  -n "health cold ($n repos)" "$bin health --config $config"
hyperfine --warmup 1 --runs 10 --export-markdown "$dir/metrics.md" \
  -n "metrics ($n repos)" "$bin metrics --config $config"
cat "$dir/warm.md" "$dir/cold.md" "$dir/metrics.md"
