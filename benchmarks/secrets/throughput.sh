#!/usr/bin/env bash
# Measures our scanner's throughput (MB/s, MB = 10^6 bytes) on a big tree of ordinary
# source text. Builds the tree with make-big-tree.sh when it is missing.
#
#   SCANNER  scanner command (default: release `secretscan --json`)
#   TREE     folder to scan (default /tmp/secrets-big-tree, built at TARGET_MB=1024)
#   RUNS     timed runs (default 3); each run's wall and CPU seconds are printed
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
SCANNER="${SCANNER:-$root/.build/release/secretscan --json}"
TREE="${TREE:-/tmp/secrets-big-tree}"
RUNS="${RUNS:-3}"
[ -x "$root/.build/release/secretscan" ] || (cd "$root" && swift build -c release --product secretscan >&2)
[ -d "$TREE" ] || DEST="$TREE" "$here/make-big-tree.sh" >&2
bytes=$(du -sb "$TREE" | cut -f1)
files=$(find "$TREE" -type f | wc -l)
echo "## Throughput on $TREE ($bytes bytes, $files files, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "Command: \`$SCANNER $TREE\`"
echo
echo "| run | wall s | CPU s (user+sys) | MB/s (wall) | findings |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  /usr/bin/time -f "%U %S" -o /tmp/throughput.cpu $SCANNER "$TREE" > /tmp/throughput.json || true
  end=$(date +%s.%N)
  python3 - "$start" "$end" "$bytes" <<'PY'
import json, sys
start, end, size = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
user, system = map(float, open("/tmp/throughput.cpu").read().split()[-2:])
findings = len(json.load(open("/tmp/throughput.json"))["findings"])
wall = end - start
print(f"| – | {wall:.2f} | {user + system:.2f} | {size / 1e6 / wall:.1f} | {findings} |")
PY
done
