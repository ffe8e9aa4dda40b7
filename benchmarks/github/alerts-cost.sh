#!/usr/bin/env bash
# Request cost of merging GitHub's own alerts (code scanning, secret scanning, Dependabot) with
# the real `infinity` binary against the local GitHub test server (127.0.0.1 only). Each run is a
# separate process sharing one state store. `infinity scan alerts` merges the three alert sources
# without scanning anything ourselves, so the counts are the alerts' cost alone.
#
#   benchmarks/github/alerts-cost.sh                       # 1,000 repositories, release build
#   REPOS=200 CONFIG=debug benchmarks/github/alerts-cost.sh
#
# Phases: organization-level listings (first, then unchanged), then the same with the
# organization listings answering 403 (not an owner / security manager): per repository.
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

ask() { echo "$1" >&"${SRV[1]}"; read -r ANSWER <&"${SRV[0]}"; }
phase() {
  local name="$1"; shift
  ask reset
  local start end
  start=$(date +%s.%N)
  "$@" >"$WORK/$name.out" 2>&1 || true   # exit 1 when alerts are at or above fail_on
  end=$(date +%s.%N)
  ask stats
  printf '%-44s %s wall=%.2fs\n' "$name" "${ANSWER#STATS }" "$(echo "$end - $start" | bc)"
}

cd "$WORK"
"$BIN/infinity" discover --config config/orchestrator.yml >/dev/null 2>&1
echo "repositories in the manifest: $(grep -c '"full_name"' config/repositories.json)"
phase "scan alerts, org listings (first)" "$BIN/infinity" scan alerts --config config/orchestrator.yml
phase "scan alerts, org listings (unchanged)" "$BIN/infinity" scan alerts --config config/orchestrator.yml
ask org-alerts-forbidden
phase "scan alerts, per repository (first)" "$BIN/infinity" scan alerts --config config/orchestrator.yml
phase "scan alerts, per repository (unchanged)" "$BIN/infinity" scan alerts --config config/orchestrator.yml
tail -2 "$WORK/scan alerts, org listings (first).out" | sed 's/^/  scan: /'
if grep -rq "$TOKEN" "$WORK"/*.out "$WORK/config" "$WORK/.infinity" 2>/dev/null; then
  echo "TOKEN LEAKED into output or state"; exit 1
fi
if grep -rqa "SYNTHETICLEAKEDVALUE" "$WORK"/*.out "$WORK/.infinity" 2>/dev/null; then
  echo "SECRET-SCANNING VALUE LEAKED into output or state"; exit 1
fi
echo "token and secret-scanning values not found in outputs, manifest or state store"
