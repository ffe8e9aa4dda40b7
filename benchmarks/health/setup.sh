#!/usr/bin/env bash
# Creates an organization of N local git repositories for the health benchmarks and runs
# discovery plus one (cold) health pass on it, so later passes are warm.
#   usage: benchmarks/health/setup.sh DIR [N=1000] [INFINITY=.build/release/infinity]
# A third of the repositories is well kept, a third stale with few hygiene files, a third
# has a risky workflow — so every check has work to do and alerts get opened.
set -euo pipefail
dir=${1:?usage: setup.sh DIR [N] [INFINITY]}
n=${2:-1000}
infinity=$(realpath "${3:-.build/release/infinity}")

rm -rf "$dir"
mkdir -p "$dir/org" "$dir/templates" "$dir/config"
dir=$(realpath "$dir")

git_commit() { # path date
  git -C "$1" -c init.defaultBranch=main init -q
  git -C "$1" add -A
  GIT_AUTHOR_DATE="@$2 +0000" GIT_COMMITTER_DATE="@$2 +0000" \
    git -C "$1" -c user.name=bench -c user.email=bench@invalid -c commit.gpgsign=false commit -q -m init
}

now=$(date +%s)
# healthy
t="$dir/templates/healthy"; mkdir -p "$t/.github/workflows" "$t/src"
printf '# app\n' > "$t/README.md"; printf 'MIT\n' > "$t/LICENSE"; printf 'mail us\n' > "$t/SECURITY.md"
printf '* @team\n' > "$t/.github/CODEOWNERS"; printf '.build/\n' > "$t/.gitignore"
printf 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n' > "$t/.github/dependabot.yml"
printf 'on: push\npermissions:\n  contents: read\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - run: make test\n' > "$t/.github/workflows/ci.yml"
for i in $(seq 1 40); do printf 'int f%d(void){return %d;}\n' "$i" "$i" > "$t/src/f$i.c"; done
git_commit "$t" $((now - 86400))
# stale
t="$dir/templates/stale"; mkdir -p "$t/src"
printf '# old\n' > "$t/README.md"; printf 'all:\n\ttrue\n' > "$t/Makefile"
for i in $(seq 1 40); do printf 'x%d\n' "$i" > "$t/src/f$i.txt"; done
git_commit "$t" $((now - 800 * 86400))
# risky
t="$dir/templates/risky"; cp -r "$dir/templates/healthy/." "$t"; rm -rf "$t/.git"
printf 'on: pull_request_target\npermissions: write-all\njobs:\n  p:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: echo "${{ github.event.pull_request.title }}"\n' > "$t/.github/workflows/ci.yml"
git_commit "$t" $((now - 86400))

kinds=(healthy stale risky)
for i in $(seq 1 "$n"); do
  kind=${kinds[$((i % 3))]}
  cp -r "$dir/templates/$kind" "$dir/org/repo-$(printf %04d "$i")"
done
rm -rf "$dir/templates"

cat > "$dir/config/orchestrator.yml" <<YML
organization: bench
provider: local
local:
  path: org
build:
  max_parallel: 8
YML

"$infinity" discover --config "$dir/config/orchestrator.yml" > /dev/null
"$infinity" health --config "$dir/config/orchestrator.yml" > /dev/null
echo "ready: $n repositories in $dir/org"
