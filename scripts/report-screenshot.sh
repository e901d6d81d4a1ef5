#!/usr/bin/env bash
# Regenerates docs/report-screenshot.png: the HTML report of the public corpus, rendered by
# headless Chromium with the network off.
#   scripts/report-screenshot.sh [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-../shared/corpus/public}"
command -v /usr/lib/chromium/chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
swift build --product bsmlint >/dev/null
BIN="$(swift build --show-bin-path)/bsmlint"
OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
"$BIN" check "$CORPUS" --format html="$OUT/report.html" >/dev/null || true   # exit 1 = findings
/usr/lib/chromium/chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --user-data-dir="$OUT/profile" --window-size=1280,1800 --hide-scrollbars \
  --screenshot="$OUT/shot.png" "file://$OUT/report.html" >/dev/null 2>&1
cp "$OUT/shot.png" docs/report-screenshot.png
echo "wrote docs/report-screenshot.png"
