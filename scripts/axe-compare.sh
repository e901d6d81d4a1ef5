#!/usr/bin/env bash
# Compares bsmlint's accessibility rules with axe-core 4.12.1 (docs/accessibility-vs-axe.md).
#   scripts/axe-compare.sh [CORPUS_DIR] [--debug]      (run as root: apt-get, unshare --net)
# Installs Debian chromium + chromium-driver and PyPI selenium if missing, fetches axe.min.js from
# PyPI axe-playwright-python 0.1.8 (pip download --no-deps; Playwright's browser is not used),
# builds bsmlint (release; --debug uses the debug build), and runs scripts/axe-compare.py with the
# network off (unshare --net, loopback up for chromedriver). Results go to .build/axe-compare/.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-../shared/corpus/public}"
CONF=release
[ "${2:-}" = "--debug" ] && CONF=debug
[ -d "$CORPUS" ] || { echo "axe-compare: corpus '$CORPUS' not found" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "axe-compare: run as root (apt-get, unshare --net)" >&2; exit 2; }
OUT=.build/axe-compare
mkdir -p "$OUT"

missing=()
for p in chromium chromium-driver; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium

AXE="$OUT/axe.min.js"
if [ ! -f "$AXE" ]; then
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  python3 -m pip download -q --no-deps axe-playwright-python==0.1.8 -d "$tmp"
  python3 - "$tmp"/axe_playwright_python-0.1.8-*.whl "$AXE" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    open(sys.argv[2], "wb").write(z.read("axe_playwright_python/axe.min.js"))
PY
fi
head -c 40 "$AXE" | grep -q 'axe v4.12.1' || { echo "axe-compare: $AXE is not axe-core 4.12.1" >&2; exit 1; }

swift build -j 1 -c "$CONF" --product bsmlint >/dev/null
BIN="$(swift build -c "$CONF" --show-bin-path)/bsmlint"

unshare --net sh -c 'ip link set lo up && exec "$@"' sh \
  python3 scripts/axe-compare.py --corpus "$CORPUS" --bsmlint "$BIN" --axe-js "$AXE" \
    --axe-json "$OUT/axe.json" --bsm-json "$OUT/bsmlint.json" --details "$OUT/details.json" \
  | tee "$OUT/summary.txt"
