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
SERVER_ARGS=""
[[ "${FAULTS:-0}" == 1 ]] && SERVER_ARGS="--faults"
# shellcheck source=benchmarks/github/lib.sh
source "$(dirname "$0")/lib.sh"
PHASE_WIDTH=34

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
  check_token "$WORK"/*.out "$WORK"/run*/
  exit 0
fi
phase "discover (first, cold store)" "$BIN/infinity" discover --config config/orchestrator.yml
phase "discover (unchanged, new process)" "$BIN/infinity" discover --config config/orchestrator.yml
phase "health (first pass)" "$BIN/infinity" health --config config/orchestrator.yml
phase "health (second pass)" "$BIN/infinity" health --config config/orchestrator.yml
phase "github rate-limit" "$BIN/infinity" github rate-limit --config config/orchestrator.yml
tail -3 "$WORK/discover (first, cold store).out" | sed 's/^/  discover: /'
check_token "$WORK"/*.out "$WORK/config" "$WORK/.infinity"
