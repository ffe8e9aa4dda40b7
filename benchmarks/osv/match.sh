#!/usr/bin/env bash
# Times `infinity scan deps` over a generated tree of 1,000 lockfile repositories
# (~100 pins each, PyPI requirements.txt and npm package-lock.json v3) against an offline
# OSV database of 50,000 synthetic advisories, in a release build. Target: < 10 s.
#
#   benchmarks/osv/match.sh [DATA_DIR]
#
# DATA_DIR (default: ${TMPDIR:-/tmp}/infinity-osv-bench) receives db/ and repos/, generated
# once by generate.py (fixed seed). Needs hyperfine (apt-get install hyperfine) and GNU time.
# Environment: ADVISORIES (50000), REPOS (1000), PACKAGES (100), RUNS (5).
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-${TMPDIR:-/tmp}/infinity-osv-bench}"
advisories="${ADVISORIES:-50000}"; repos="${REPOS:-1000}"; packages="${PACKAGES:-100}"; runs="${RUNS:-5}"
[ -x .build/release/infinity ] || swift build -c release --product infinity
bin="$PWD/.build/release/infinity"
stamp="$data/.generated-$advisories-$repos-$packages"
if [[ ! -f "$stamp" ]]; then
  rm -rf "$data"; mkdir -p "$data"
  echo "generating $advisories advisories and $repos lockfile repositories into $data ..."
  python3 benchmarks/osv/generate.py "$data" "$advisories" "$repos" "$packages"
  touch "$stamp"
fi
cmd="$bin scan deps $data/repos --osv-db $data/db --format json --output $data/out.json --fail-on critical --root $data"
echo "== machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== one run (GNU time)"
/usr/bin/time -v $cmd 2>&1 | grep -E "User time|System time|Elapsed|Maximum resident" || true
python3 - "$data/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = d["repositories"][0]
print(f"findings: {len(d['findings'])}, packages scanned: {r['packages_scanned']}, diagnostics: {len(r['diagnostics'])}")
PY
echo "== load + parse + match, with the index cache after the first run ($runs runs)"
hyperfine --warmup 1 --runs "$runs" -i "$cmd"
echo "== cold: index cache removed before each run ($runs runs)"
hyperfine --runs "$runs" -i --prepare "rm -f $data/db/.osv-index-cache" "$cmd"
