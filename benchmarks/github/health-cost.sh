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
# shellcheck source=benchmarks/github/lib.sh
source "$(dirname "$0")/lib.sh"
PHASE_BREAKDOWN=1

cd "$WORK"
write_config $'health:\n  alerts: false'
phase "discover" "$BIN/infinity" discover --config config/orchestrator.yml
phase "health, first pass (cold store)" "$BIN/infinity" health --config config/orchestrator.yml
phase "health, second pass (new process)" "$BIN/infinity" health --config config/orchestrator.yml
phase "health --dry-run" "$BIN/infinity" health --dry-run --config config/orchestrator.yml
grep -E "healthy|degraded|unhealthy" "$WORK/health, second pass (new process).out" | tail -2 | sed 's/^/  health: /'
if [[ "${ALERTS:-0}" == 1 ]]; then
  write_config $'health:\n  alerts: true'
  phase "health with alerts (opens them)" "$BIN/infinity" health --config config/orchestrator.yml
  phase "health with alerts (steady)" "$BIN/infinity" health --config config/orchestrator.yml
fi
check_token "$WORK"/*.out "$WORK/config" "$WORK/.infinity"
