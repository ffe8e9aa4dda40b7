#!/usr/bin/env bash
# Runs our secret scanner, detect-secrets and CredSweeper on the CredData subset in
# shared/eval/secrets/creddata, times them, and prints a markdown table of precision,
# recall, F1 (with and without UUID-only label rows), wall time and throughput.
#
#   SCANNER   command that prints our JSON report for the paths given after it
#             (default: the release `secretscan --json`; later `infinity scan secrets --format json`)
#   CREDDATA  the dataset folder (default: $INFINITY_SHARED_DIR/eval/secrets/creddata,
#             INFINITY_SHARED_DIR defaulting to ../shared relative to the package root)
#   RUNS      timed runs of our scanner; the median is reported (default 5)
#   SKIP_OTHERS=1  only run our scanner
#   DS_ARGS / CS_ARGS  extra arguments for detect-secrets / credsweeper
#
# Needs: pip install detect-secrets credsweeper (CredSweeper runs offline: its ML model
# ships in the wheel).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${INFINITY_SHARED_DIR:-$root/../shared}"
CREDDATA="${CREDDATA:-$shared/eval/secrets/creddata}"
SCANNER="${SCANNER:-$root/.build/release/secretscan --json}"
RUNS="${RUNS:-5}"
DS_ARGS="${DS_ARGS:-}"
CS_ARGS="${CS_ARGS:---jobs $(nproc)}"
out="${OUT:-$(mktemp -d /tmp/secrets-compare.XXXXXX)}"
mkdir -p "$out"
[ -d "$CREDDATA/data" ] || { echo "no dataset at $CREDDATA (set CREDDATA or INFINITY_SHARED_DIR)" >&2; exit 2; }
if [ "$SCANNER" = "$root/.build/release/secretscan --json" ] && [ ! -x "$root/.build/release/secretscan" ]; then
  (cd "$root" && swift build -c release --product secretscan >&2)
fi
cd "$CREDDATA"

# time_cmd NAME OUTFILE CMD... : runs CMD with stdout to OUTFILE, records wall and CPU seconds.
time_cmd() {
  local name="$1" file="$2"; shift 2
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$out/$name.cpu" "$@" > "$file" 2> "$out/$name.err" || true
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')" > "$out/$name.wall"
  tail -1 "$out/$name.cpu" | awk '{printf "%.3f\n", $1 + $2}' > "$out/$name.cpusum"
}

walls=()
for i in $(seq 1 "$RUNS"); do
  # shellcheck disable=SC2086
  time_cmd "infinity-$i" "$out/infinity.json" $SCANNER data
  walls+=("$(cat "$out/infinity-$i.wall") $(cat "$out/infinity-$i.cpusum")")
done
read -r our_wall our_cpu < <(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
echo "our scanner runs (wall cpu): ${walls[*]}" >&2

args=("infinity:$out/infinity.json")
marks=("infinity=$our_wall")
cpus="infinity=$our_cpu"
if [ "${SKIP_OTHERS:-0}" != 1 ]; then
  # shellcheck disable=SC2086
  time_cmd ds "$out/detect-secrets.json" detect-secrets $DS_ARGS scan --all-files data
  # shellcheck disable=SC2086
  time_cmd cs "$out/cs.stdout" credsweeper --path data $CS_ARGS --save-json "$out/credsweeper.json"
  args+=("detect-secrets:$out/detect-secrets.json" "credsweeper:$out/credsweeper.json")
  marks+=("detect-secrets=$(cat "$out/ds.wall")" "credsweeper=$(cat "$out/cs.wall")")
  cpus="$cpus detect-secrets=$(cat "$out/ds.cpusum") credsweeper=$(cat "$out/cs.cpusum")"
fi

echo "## Secret scanners on CredData subset ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "Commands: \`$SCANNER data\`; \`detect-secrets $DS_ARGS scan --all-files data\`; \`credsweeper --path data $CS_ARGS --save-json OUT\`"
echo
python3 "$here/score.py" "$CREDDATA" "${args[@]}" --markdown "${marks[@]}"
echo
echo "CPU seconds (user+sys): $cpus"
if [ "${SKIP_OTHERS:-0}" != 1 ]; then
  python3 - "$our_wall" "$(cat "$out/ds.wall")" "$(cat "$out/cs.wall")" "$our_cpu" "$(cat "$out/ds.cpusum")" "$(cat "$out/cs.cpusum")" <<'PY'
import sys
w, ds, cs, wc, dsc, csc = map(float, sys.argv[1:])
print(f"Speed-up by wall time: {ds / w:.0f}x detect-secrets, {cs / w:.0f}x credsweeper; "
      f"by CPU time: {dsc / wc:.0f}x detect-secrets, {csc / wc:.0f}x credsweeper")
PY
fi
echo "(raw outputs in $out)"
