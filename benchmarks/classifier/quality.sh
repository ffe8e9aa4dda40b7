#!/usr/bin/env bash
# Quality of the failure classifier, as markdown tables: per-category precision/recall/F1,
# confusion matrix, fine and coarse-class accuracy, macro-F1.
#   (a) the labelled real CI logs ($INFINITY_SHARED_DIR/eval/ci-logs, labels in
#       Tests/SelfHealingTests/Fixtures/ci-logs-labels.json): held-out split = log numbers
#       divisible by 3, dev split = the rest;
#   (b) the hand-written excerpts (Tests/SelfHealingTests/Fixtures/excerpts/<category>/):
#       held-out split = files named ho-*.log.
# Usage: benchmarks/classifier/quality.sh            (release build of classify-bench)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${INFINITY_SHARED_DIR:-$root/../shared}"
cd "$root"
swift build -c release --product classify-bench >&2
bin="$(swift build -c release --show-bin-path)/classify-bench"
fixtures="$root/Tests/SelfHealingTests/Fixtures"

echo "## Failure classifier quality ($(date -u +%Y-%m-%d), rules: $(grep -c '^  - id:' "$root/Sources/SelfHealing/Classification/DefaultFailureRules.yaml"))"
echo
if [ -d "$shared/eval/ci-logs/veloren" ]; then
  for split in heldout dev all; do
    "$bin" quality --labels "$fixtures/ci-logs-labels.json" --root "$shared/eval/ci-logs" --split "$split" \
      --title "(a) labelled real CI logs — $split"
  done
else
  echo "(a) skipped: $shared/eval/ci-logs not found (set INFINITY_SHARED_DIR)"
  echo
fi
for split in heldout dev all; do
  "$bin" quality --excerpts "$fixtures/excerpts" --split "$split" --title "(b) excerpts — $split"
done
