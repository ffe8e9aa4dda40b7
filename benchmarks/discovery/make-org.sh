#!/usr/bin/env bash
# Creates N small git repositories (default 1000) under DIR/org, in a mix of ecosystems,
# plus DIR/config/orchestrator.yml pointing at them. Usage: make-org.sh DIR [N]
set -euo pipefail
dir=${1:?usage: make-org.sh DIR [N]}
n=${2:-1000}
mkdir -p "$dir/org" "$dir/config"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@infinity.invalid GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@infinity.invalid
export GIT_AUTHOR_DATE="@1700000000 +0000" GIT_COMMITTER_DATE="@1700000000 +0000"
for i in $(seq -w 1 "$n"); do
    r="$dir/org/repo-$i"
    [ -d "$r/.git" ] && continue
    mkdir -p "$r/src"
    case $((10#$i % 5)) in
        0) printf 'module example.com/repo-%s\n\ngo 1.22\n' "$i" > "$r/go.mod"; echo 'package main' > "$r/src/main.go" ;;
        1) printf '{"name":"repo-%s","scripts":{"test":"node test.js"}}\n' "$i" > "$r/package.json"; echo '1' > "$r/src/index.js" ;;
        2) printf '[package]\nname = "repo-%s"\nversion = "0.1.0"\n' "$i" > "$r/Cargo.toml"; echo 'fn main(){}' > "$r/src/main.rs" ;;
        3) printf 'all:\n\ttrue\ntest:\n\ttrue\n' > "$r/Makefile"; echo 'int main(void){return 0;}' > "$r/src/main.c" ;;
        4) printf '[project]\nname = "repo-%s"\n' "$i" > "$r/pyproject.toml"; echo 'x = 1' > "$r/src/app.py" ;;
    esac
    echo "# repo-$i" > "$r/README.md"
    git -C "$r" init -q -b main
    git -C "$r" add -A
    git -C "$r" commit -q -m init
done
cat > "$dir/config/orchestrator.yml" <<YML
organization: bench
local:
  path: org
YML
echo "$n repositories under $dir/org"
