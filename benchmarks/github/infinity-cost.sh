#!/usr/bin/env bash
# GitHub API cost of the real `infinity` binary against the local GitHub test server
# (127.0.0.1 only). Each `infinity` run is a separate process sharing one state store.
#
#   benchmarks/github/infinity-cost.sh                 # 1,000 repositories, no faults
#   FAULTS=1 benchmarks/github/infinity-cost.sh        # 10% 5xx/timeouts, secondary limit every 50:
#                                                      # RUNS (8) cold discoveries, each must list everything
#   REPOS=200 CONFIG=debug benchmarks/github/infinity-cost.sh
#
# Prints one line per phase: requests, requests that cost primary quota, core and GraphQL
# points, 304 answers, secondary-limit events, and wall time.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPOS="${REPOS:-1000}"
CONFIG="${CONFIG:-release}"
swift build -c "$CONFIG" --product infinity >/dev/null
swift build -c "$CONFIG" --product github-test-server >/dev/null
BIN="$(swift build -c "$CONFIG" --show-bin-path)"

WORK="$(mktemp -d)"
trap 'echo quit >&"${SRV[1]}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
ARGS=(--repos "$REPOS")
[[ "${FAULTS:-0}" == 1 ]] && ARGS+=(--faults)
coproc SRV { "$BIN/github-test-server" "${ARGS[@]}"; }
read -r API <&"${SRV[0]}"; API="${API#API_URL=}"
read -r TOKEN <&"${SRV[0]}"; TOKEN="${TOKEN#TOKEN=}"

mkdir -p "$WORK/config"
cat >"$WORK/config/orchestrator.yml" <<YAML
organization: acme
provider: github
github:
  org: acme
  api_url: $API
  token_env: BENCH_GITHUB_TOKEN
  max_concurrent_requests: 8
YAML
export BENCH_GITHUB_TOKEN="$TOKEN"

stats() { echo stats >&"${SRV[1]}"; read -r line <&"${SRV[0]}"; echo "${line#STATS }"; }
reset() { echo reset >&"${SRV[1]}"; read -r _ <&"${SRV[0]}"; }
phase() {
  local name="$1"; shift
  reset
  local start end
  start=$(date +%s.%N)
  "$@" >"$WORK/$name.out" 2>&1 || echo "($name exited $?)"
  end=$(date +%s.%N)
  printf '%-34s %s wall=%.2fs\n' "$name" "$(stats)" "$(echo "$end - $start" | bc)"
}

cd "$WORK"
if [[ "${FAULTS:-0}" == 1 ]]; then
  # Each secondary limit costs at least 60 s of back-off by design, so a faulty health pass of
  # thousands of requests would take an hour: the faults run repeats cold discoveries instead,
  # each in a fresh state folder, and checks every one lists the same repositories.
  RUNS="${RUNS:-8}"
  expected=""
  for i in $(seq 1 "$RUNS"); do
    mkdir -p "run$i/config" && cp config/orchestrator.yml "run$i/config/"
    phase "discover #$i (cold, faults)" "$BIN/infinity" discover --config "run$i/config/orchestrator.yml"
    count=$(grep -c '"full_name"' "run$i/config/repositories.json" || true)
    [[ -z "$expected" ]] && expected="$count"
    if [[ "$count" != "$expected" ]]; then echo "run $i listed $count repositories, run 1 listed $expected"; exit 1; fi
    echo "  manifest: $count repositories"
  done
  if grep -rq "$TOKEN" "$WORK"/*.out "$WORK"/run*/ 2>/dev/null; then echo "TOKEN LEAKED into output or state"; exit 1; fi
  echo "token not found in outputs, manifests or state stores"
  exit 0
fi
phase "discover (first, cold store)" "$BIN/infinity" discover --config config/orchestrator.yml
phase "discover (unchanged, new process)" "$BIN/infinity" discover --config config/orchestrator.yml
phase "health (first pass)" "$BIN/infinity" health --config config/orchestrator.yml
phase "health (second pass)" "$BIN/infinity" health --config config/orchestrator.yml
phase "github rate-limit" "$BIN/infinity" github rate-limit --config config/orchestrator.yml
tail -3 "$WORK/discover (first, cold store).out" | sed 's/^/  discover: /'
if grep -rq "$TOKEN" "$WORK"/*.out "$WORK/config" "$WORK/.infinity" 2>/dev/null; then
  echo "TOKEN LEAKED into output or state"; exit 1
fi
echo "token not found in outputs, manifest or state store"
