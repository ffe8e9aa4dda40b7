#!/usr/bin/env bash
# Orchestration overhead at scale: 1,000 repositories whose only step is `true`, max_parallel 8.
#  1. the first build (creates 1,000 work trees) — wall time and peak memory, /usr/bin/time -v;
#  2. a forced rebuild (`--all`, trees reused) next to xargs -P 8 running 1,000 `sh -c true`;
#  3. the all-cached second run (nothing executes) — must stay under 2 s;
#  4. peak memory of the forced rebuild and of the cached run.
#
#   benchmarks/build/overhead.sh [WORKDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export INFINITY=${INFINITY:-$root/.build/release/infinity}
work=${1:-/tmp/infinity-bench-overhead}
config="$work/config/orchestrator.yml"

"$here/make-org.sh" "$work" 1000 "true" 8

echo "== first build (creates the work trees)"
/usr/bin/time -v "$INFINITY" build --config "$config" --quiet 2> "$work/first.time" > /dev/null
grep -E "Elapsed \(wall|Maximum resident" "$work/first.time"

echo "== forced rebuild next to xargs -P 8"
hyperfine --warmup 1 --runs 5 --export-json "$work/forced.json" \
    -n "infinity build --all (1000 x true, max_parallel 8)" "$INFINITY build --all --quiet --config $config" \
    -n "xargs -P 8 (1000 x sh -c true)" "seq 1000 | xargs -P 8 -I{} sh -c true"
# 1,000 repositories: mean seconds × 1000 ms / 1000 repositories = milliseconds per repository.
jq -r '.results as $r | "per repository: infinity \($r[0].mean*1000|round/1000) ms, xargs \($r[1].mean*1000|round/1000) ms, orchestration beyond xargs \(($r[0].mean-$r[1].mean)*1000|round/1000) ms"' "$work/forced.json"

echo "== all-cached run"
hyperfine --warmup 1 --runs 10 --export-json "$work/cached.json" \
    -n "infinity build (1000 repositories, all cached)" "$INFINITY build --quiet --config $config"

echo "== peak memory"
/usr/bin/time -v "$INFINITY" build --all --config "$config" --quiet 2> "$work/forced.time" > /dev/null
grep -E "Maximum resident" "$work/forced.time" | sed 's/^/forced rebuild: /'
/usr/bin/time -v "$INFINITY" build --config "$config" --quiet 2> "$work/cached.time" > /dev/null
grep -E "Maximum resident" "$work/cached.time" | sed 's/^/all cached: /'
