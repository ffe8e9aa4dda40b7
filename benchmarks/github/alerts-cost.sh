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
# shellcheck source=benchmarks/github/lib.sh
source "$(dirname "$0")/lib.sh"
PHASE_WIDTH=44

cd "$WORK"
"$BIN/infinity" discover --config config/orchestrator.yml >/dev/null 2>&1
echo "repositories in the manifest: $(grep -c '"full_name"' config/repositories.json)"
# `scan alerts` exits 1 when alerts are at or above fail_on: that is expected here.
phase "scan alerts, org listings (first)" "$BIN/infinity" scan alerts --config config/orchestrator.yml
phase "scan alerts, org listings (unchanged)" "$BIN/infinity" scan alerts --config config/orchestrator.yml
ask org-alerts-forbidden
phase "scan alerts, per repository (first)" "$BIN/infinity" scan alerts --config config/orchestrator.yml
phase "scan alerts, per repository (unchanged)" "$BIN/infinity" scan alerts --config config/orchestrator.yml
tail -2 "$WORK/scan alerts, org listings (first).out" | sed 's/^/  scan: /'
check_token "$WORK"/*.out "$WORK/config" "$WORK/.infinity"
if grep -rqa "SYNTHETICLEAKEDVALUE" "$WORK"/*.out "$WORK/.infinity" 2>/dev/null; then
  echo "SECRET-SCANNING VALUE LEAKED into output or state"; exit 1
fi
echo "secret-scanning values not found in outputs or state store"
