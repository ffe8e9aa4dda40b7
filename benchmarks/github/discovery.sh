#!/usr/bin/env bash
# Measures GitHubKit discovery and CI-status cost against the local GitHub test server
# (127.0.0.1 only; the server and client run in one process).
#
#   benchmarks/github/discovery.sh            # 1,000 repositories, both scenarios
#   REPOS=2000 RUNS=3 benchmarks/github/discovery.sh
#
# Scenario "clean": real clock, no faults -> requests, quota points and wall time of the first
# discovery, an unchanged re-discovery, a re-discovery after one push, and CI status of every
# default branch. Scenario "faults": 5% 5xx + 5% hang-then-close, a secondary limit every 50
# requests (retry-after 60 s) on a virtual clock, plus one REST GET per repository 8 at a time.
# The binary prints RESULT/CHECK lines and exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPOS="${REPOS:-1000}"
RUNS="${RUNS:-5}"
OUT="${OUT:-.build/benchmarks/github}"
mkdir -p "$OUT"

swift build -c release --product github-discovery-bench >/dev/null
BIN="$(swift build -c release --show-bin-path)/github-discovery-bench"

echo "== checks and counts (one run, /usr/bin/time -v)"
/usr/bin/time -v "$BIN" --repos "$REPOS" --scenario all 2>"$OUT/time.txt" | tee "$OUT/results.txt"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$OUT/time.txt" | sed 's/^\s*/time: /'

if command -v hyperfine >/dev/null 2>&1; then
  echo "== wall time over $RUNS runs (hyperfine)"
  hyperfine --warmup 1 --runs "$RUNS" --export-markdown "$OUT/hyperfine.md" \
    "$BIN --repos $REPOS --scenario clean" \
    "$BIN --repos $REPOS --scenario faults"
else
  echo "hyperfine not installed (apt-get install hyperfine); skipping repeated timing"
fi
grep -q "SUMMARY checks_failed=0" "$OUT/results.txt"
