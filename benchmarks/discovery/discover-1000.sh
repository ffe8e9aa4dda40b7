#!/usr/bin/env bash
# Benchmark: `infinity discover` over 1,000 small git repositories, warm (an unchanged
# re-discovery), side by side with the hand-rolled baseline a script would use
# (git rev-parse / log / ls-tree per repository). Needs hyperfine (apt-get install hyperfine).
# Usage: benchmarks/discovery/discover-1000.sh [DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${1:-/tmp/infinity-bench-discovery}
bash "$here/make-org.sh" "$dir" 1000 >/dev/null
swift build -c release --package-path "$root" >/dev/null
bin="$root/.build/release/infinity"
cfg="$dir/config/orchestrator.yml"
"$bin" discover --config "$cfg" >/dev/null          # cold run fills the manifest and the detection cache
echo "unchanged re-discovery:"; "$bin" discover --config "$cfg" | sed -n 2p
cat > "$dir/baseline.sh" <<'SH'
for r in "$1"/org/*/; do
  git -C "$r" rev-parse --abbrev-ref HEAD >/dev/null
  git -C "$r" log -1 --format='%H %ct' >/dev/null
  git -C "$r" ls-tree --name-only HEAD >/dev/null
done
SH
# One --prepare per command, in order: only the cold run deletes the manifest and the store.
hyperfine --warmup 1 --runs 5 --export-markdown "$dir/discover.md" \
  --prepare "true" --prepare "rm -rf $dir/.infinity $dir/config/repositories.json" --prepare "true" \
  -n "infinity discover (warm, 1000 repos)" "$bin discover --config $cfg" \
  -n "infinity discover (cold: no manifest, no store)" "$bin discover --config $cfg" \
  -n "git loop baseline (3 git calls per repo)" "bash $dir/baseline.sh $dir"
cat "$dir/discover.md"
/usr/bin/time -v "$bin" discover --config "$cfg" 2>&1 >/dev/null | grep -E "Maximum resident|Elapsed"
