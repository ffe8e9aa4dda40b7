#!/usr/bin/env bash
# Creates a benchmark organization: COUNT git repositories whose only build step is COMMAND
# (set through each repository's .infinity.yml), a config with max_parallel PARALLEL, and
# the manifest written by `infinity discover`.
#
#   make-org.sh DIR COUNT COMMAND [PARALLEL]
#
# INFINITY names the binary (default: the release build of this package).
set -euo pipefail
dir=$1 count=$2 command=$3 parallel=${4:-8}
root=$(cd "$(dirname "$0")/../.." && pwd)
INFINITY=${INFINITY:-$root/.build/release/infinity}

rm -rf "$dir"
mkdir -p "$dir/org" "$dir/config"
template="$dir/template"
mkdir -p "$template"
printf 'build: "%s"\n' "$command" > "$template/.infinity.yml"
git -C "$template" init -q -b main
git -C "$template" add -A
git -C "$template" -c user.name=bench -c user.email=bench@example.invalid -c commit.gpgsign=false commit -q -m init
for i in $(seq -w 1 "$count"); do
    cp -a "$template" "$dir/org/r$i"
done
rm -rf "$template"

cat > "$dir/config/orchestrator.yml" <<YAML
organization: bench
provider: local
local:
  path: org
build:
  max_parallel: $parallel
  timeout: 10m
YAML
"$INFINITY" discover --config "$dir/config/orchestrator.yml" > /dev/null
echo "made $count repositories in $dir/org (build: $command, max_parallel $parallel)"
