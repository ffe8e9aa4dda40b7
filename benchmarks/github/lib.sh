# Shared by the benchmarks/github/*-cost.sh scripts (source it; bash only). Builds `infinity`
# and `github-test-server` ($CONFIG, default release), starts the server on 127.0.0.1 with
# $REPOS repositories (default 1,000; extra server arguments in SERVER_ARGS), makes a work
# folder $WORK with config/orchestrator.yml for `provider: github`, and defines:
#   ask CMD          send a command to the server, its answer in $ANSWER
#   stats / reset    the server's counts (one line) / forget recorded requests
#   breakdown        requests per endpoint shape, indented
#   write_config [YAML]   config/orchestrator.yml, with extra top-level YAML appended
#   phase NAME CMD…  reset, run CMD (output in "$WORK/NAME.out"), print counts and wall time
#   check_token PATHS…    fail when the token appears in any of them
# PHASE_WIDTH sets the name column; PHASE_BREAKDOWN=1 prints the breakdown after each phase.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPOS="${REPOS:-1000}"
CONFIG="${CONFIG:-release}"
swift build -c "$CONFIG" --product infinity >/dev/null
swift build -c "$CONFIG" --product github-test-server >/dev/null
BIN="$(swift build -c "$CONFIG" --show-bin-path)"

WORK="$(mktemp -d)"
trap 'echo quit >&"${SRV[1]}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
# shellcheck disable=SC2086  # SERVER_ARGS is a list of words
coproc SRV { "$BIN/github-test-server" --repos "$REPOS" ${SERVER_ARGS:-}; }
read -r API <&"${SRV[0]}"; API="${API#API_URL=}"
read -r TOKEN <&"${SRV[0]}"; TOKEN="${TOKEN#TOKEN=}"
export BENCH_GITHUB_TOKEN="$TOKEN"

ask() { echo "$1" >&"${SRV[1]}"; read -r ANSWER <&"${SRV[0]}"; }
stats() { ask stats; echo "${ANSWER#STATS }"; }
reset() { ask reset; }
breakdown() {
  echo breakdown >&"${SRV[1]}"
  local line
  while read -r line <&"${SRV[0]}"; do
    [[ "$line" == END ]] && break
    printf '    %s\n' "${line#BREAKDOWN }"
  done
}
write_config() {
  mkdir -p "$WORK/config"
  cat >"$WORK/config/orchestrator.yml" <<YAML
organization: acme
provider: github
github:
  org: acme
  api_url: $API
  token_env: BENCH_GITHUB_TOKEN
  max_concurrent_requests: 8
${1:-}
YAML
}
phase() {
  local name="$1"; shift
  reset
  local start end
  start=$(date +%s.%N)
  "$@" >"$WORK/$name.out" 2>&1 || echo "($name exited $?)"
  end=$(date +%s.%N)
  printf "%-${PHASE_WIDTH:-40}s %s wall=%.2fs\n" "$name" "$(stats)" "$(echo "$end - $start" | bc)"
  if [[ "${PHASE_BREAKDOWN:-0}" == 1 ]]; then breakdown; fi
}
check_token() {
  if grep -rq "$TOKEN" "$@" 2>/dev/null; then echo "TOKEN LEAKED into output or state"; exit 1; fi
  echo "token not found in outputs, manifests or state stores"
}
write_config
