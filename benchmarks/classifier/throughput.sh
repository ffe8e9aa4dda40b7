#!/usr/bin/env bash
# Throughput of the failure classifier on a large concatenated log, in a release build.
#   - builds classify-bench in release mode;
#   - generates a log of at least SIZE_MB (default 200) by concatenating the eval CI logs
#     ($INFINITY_SHARED_DIR/eval/ci-logs) into $WORK (default ${TMPDIR:-/tmp}/classifier-bench);
#   - times `classify-bench classify <log>` with hyperfine (wall clock; also user CPU time);
#   - reports MB/s (MB = 10^6 bytes) and the maximum resident set size (/usr/bin/time -v).
# With GIGABYTE=1 it also streams a >= 1 GB log and reports its peak memory.
# Usage: SIZE_MB=200 RUNS=5 benchmarks/classifier/throughput.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${INFINITY_SHARED_DIR:-$root/../shared}"
size_mb="${SIZE_MB:-200}"
runs="${RUNS:-5}"
work="${WORK:-${TMPDIR:-/tmp}/classifier-bench}"
logs="$shared/eval/ci-logs/veloren"
[ -d "$logs" ] || { echo "error: $logs not found; set INFINITY_SHARED_DIR" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "error: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }

cd "$root"
swift build -c release --product classify-bench >&2
bin="$(swift build -c release --show-bin-path)/classify-bench"
mkdir -p "$work"

make_log() {  # make_log FILE MIN_BYTES
  local file="$1" min="$2"
  if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" -lt "$min" ]; then
    : > "$file"
    while [ "$(stat -c %s "$file")" -lt "$min" ]; do cat "$logs"/*.log >> "$file"; done
  fi
}

big="$work/ci-logs-${size_mb}MB.log"
make_log "$big" $((size_mb * 1000 * 1000))
bytes=$(stat -c %s "$big")
echo "log: $big ($bytes bytes, $(ls "$logs"/*.log | wc -l) eval logs concatenated)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
cmd="$bin classify $big"
echo "\$ hyperfine --warmup 1 --runs $runs '$cmd'"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/hyperfine.json" "$cmd" > "$work/hyperfine.txt"
cat "$work/hyperfine.txt"
python3 - "$work/hyperfine.json" "$bytes" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))["results"][0]
size = int(sys.argv[2]) / 1e6
print(f"throughput (wall, mean {result['mean']:.3f} s ± {result['stddev']:.3f}): {size / result['mean']:.1f} MB/s"
      f"  (best run {size / result['min']:.1f} MB/s)")
print(f"throughput (user CPU, mean {result['user']:.3f} s): {size / result['user']:.1f} MB/s")
PY
echo
echo "\$ /usr/bin/time -v $cmd"
/usr/bin/time -v "$bin" classify "$big" 2> "$work/time.txt" > /dev/null
grep -E 'Elapsed|User time|Maximum resident' "$work/time.txt"

if [ "${GIGABYTE:-0}" = "1" ]; then
  huge="$work/ci-logs-1GB.log"
  make_log "$huge" $((1000 * 1000 * 1000))
  echo
  echo "\$ /usr/bin/time -v $bin classify $huge   ($(stat -c %s "$huge") bytes)"
  /usr/bin/time -v "$bin" classify "$huge" 2> "$work/time-1g.txt" > /dev/null
  grep -E 'Elapsed|User time|Maximum resident' "$work/time-1g.txt"
fi
