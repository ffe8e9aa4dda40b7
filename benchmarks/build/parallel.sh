#!/usr/bin/env bash
# Parallel efficiency: 48 repositories whose build is `sleep 0.5`, max_parallel 8.
# Ideal wall time: 48 / 8 × 0.5 s = 3.0 s. Compared side by side, in the same hyperfine
# run, with `xargs -P 8` running the same 48 commands.
#
#   benchmarks/build/parallel.sh [WORKDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export INFINITY=${INFINITY:-$root/.build/release/infinity}
work=${1:-/tmp/infinity-bench-parallel}
config="$work/config/orchestrator.yml"

"$here/make-org.sh" "$work" 48 "sleep 0.5" 8
# First build creates the 48 work trees; the measured runs reuse them (--all rebuilds).
"$INFINITY" build --config "$config" --quiet > /dev/null

hyperfine --warmup 1 --runs 10 --export-json "$work/parallel.json" \
    -n "infinity build --all (48 x sleep 0.5, max_parallel 8)" "$INFINITY build --all --quiet --config $config" \
    -n "xargs -P 8 (48 x sleep 0.5)" "seq 48 | xargs -P 8 -I{} sh -c 'sleep 0.5'"

jq -r '.results as $r | ($r[0].mean) as $inf | ($r[1].mean) as $xa |
    "infinity mean \($inf*1000|round) ms, xargs mean \($xa*1000|round) ms, ideal 3000 ms\n" +
    "infinity / ideal = \($inf/3.0*1000|round/1000)   infinity / xargs = \($inf/$xa*1000|round/1000)"' "$work/parallel.json"
