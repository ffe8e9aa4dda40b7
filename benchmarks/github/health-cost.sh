#!/usr/bin/env bash
# GitHub API cost of `infinity health` (the real binary, `provider: github`) against the local
# GitHub test server on 127.0.0.1. Each `infinity` run is a separate process sharing one state store.
#
#   benchmarks/github/health-cost.sh                 # 1,000 repositories, alerts off
#   ALERTS=1 REPOS=100 benchmarks/github/health-cost.sh   # also passes that open and keep alert issues
#   CONFIG=debug benchmarks/github/health-cost.sh    # skip the release build
#
# Per phase: requests, requests that cost primary quota, core and GraphQL points, 304 answers,
# secondary-limit events, wall time; then the requests per endpoint shape (count, quota charged).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPOS="${REPOS:-1000}"
CONFIG="${CONFIG:-release}"
swift build -c "$CONFIG" --product infinity >/dev/null
swift build -c "$CONFIG" --product github-test-server >/dev/null
BIN="$(swift build -c "$CONFIG" --show-bin-path)"

WORK="$(mktemp -d)"
trap 'echo quit >&"${SRV[1]}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
coproc SRV { "$BIN/github-test-server" --repos "$REPOS"; }
read -r API <&"${SRV[0]}"; API="${API#API_URL=}"
read -r TOKEN <&"${SRV[0]}"; TOKEN="${TOKEN#TOKEN=}"

mkdir -p "$WORK/config"
config() {  # $1: alerts true|false
  cat >"$WORK/config/orchestrator.yml" <<YAML
organization: acme
provider: github
github:
  org: acme
  api_url: $API
  token_env: BENCH_GITHUB_TOKEN
  max_concurrent_requests: 8
health:
  alerts: $1
YAML
}
export BENCH_GITHUB_TOKEN="$TOKEN"

stats() { echo stats >&"${SRV[1]}"; read -r line <&"${SRV[0]}"; echo "${line#STATS }"; }
reset() { echo reset >&"${SRV[1]}"; read -r _ <&"${SRV[0]}"; }
breakdown() {
  echo breakdown >&"${SRV[1]}"
  while read -r line <&"${SRV[0]}"; do
    [[ "$line" == END ]] && break
    printf '    %s\n' "${line#BREAKDOWN }"
  done
}
phase() {
  local name="$1"; shift
  reset
  local start end
  start=$(date +%s.%N)
  "$@" >"$WORK/$name.out" 2>&1 || echo "($name exited $?)"
  end=$(date +%s.%N)
  printf '%-40s %s wall=%.2fs\n' "$name" "$(stats)" "$(echo "$end - $start" | bc)"
  breakdown
}

cd "$WORK"
config false
phase "discover" "$BIN/infinity" discover --config config/orchestrator.yml
phase "health, first pass (cold store)" "$BIN/infinity" health --config config/orchestrator.yml
phase "health, second pass (new process)" "$BIN/infinity" health --config config/orchestrator.yml
phase "health --dry-run" "$BIN/infinity" health --dry-run --config config/orchestrator.yml
grep -E "healthy|degraded|unhealthy" "$WORK/health, second pass (new process).out" | tail -2 | sed 's/^/  health: /'
if [[ "${ALERTS:-0}" == 1 ]]; then
  config true
  phase "health with alerts (opens them)" "$BIN/infinity" health --config config/orchestrator.yml
  phase "health with alerts (steady)" "$BIN/infinity" health --config config/orchestrator.yml
fi
if grep -rq "$TOKEN" "$WORK"/*.out "$WORK/config" "$WORK/.infinity" 2>/dev/null; then
  echo "TOKEN LEAKED into output or state"; exit 1
fi
echo "token not found in outputs, manifest or state store"
