#!/usr/bin/env bash
# Compares the two regex engines (NSRegularExpression vs Swift Regex) on the same rules:
# the built-in rules that Swift Regex can compile (it lacks lookbehind, so rules using it
# are left out for both engines), on the CredData files, single-threaded, with hyperfine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${INFINITY_SHARED_DIR:-$root/../shared}"
CREDDATA="${CREDDATA:-$shared/eval/secrets/creddata}"
bin="$root/.build/release/secretscan"
[ -x "$bin" ] || (cd "$root" && swift build -c release --product secretscan >&2)
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
cd "$CREDDATA"
"$bin" --portable-rules --jobs 1 --json data > /tmp/engines-foundation.json || true
"$bin" --portable-rules --jobs 1 --json --engine swift-regex data > /tmp/engines-swift.json || true
python3 - <<'PY'
import json
a = json.load(open("/tmp/engines-foundation.json"))["findings"]
b = json.load(open("/tmp/engines-swift.json"))["findings"]
key = lambda f: (f["file"], f["line"], f["column"], f["rule_id"])
print(f"findings: foundation {len(a)}, swift-regex {len(b)}, identical: {sorted(map(key, a)) == sorted(map(key, b))}")
PY
hyperfine --warmup 1 --runs "${RUNS:-5}" -i --export-markdown /tmp/engines.md \
  -n foundation "$bin --portable-rules --jobs 1 data" \
  -n swift-regex "$bin --portable-rules --jobs 1 --engine swift-regex data" >&2
cat /tmp/engines.md
