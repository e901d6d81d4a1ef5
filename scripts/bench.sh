#!/usr/bin/env bash
# Benchmark: bsmlint (release, every rule on) against libxml2's bare HTML parse (xmllint) over the
# same files, in the same run. Prints both timings (median of N runs) and the ratios.
#   scripts/bench.sh [CORPUS_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-../shared/corpus/public}"
RUNS="${2:-7}"
[ -d "$CORPUS" ] || { echo "bench: corpus '$CORPUS' not found" >&2; exit 2; }
command -v xmllint >/dev/null || scripts/bootstrap.sh
swift build -c release --product bsmlint >/dev/null
BIN="$(swift build -c release --show-bin-path)/bsmlint"
LIST="$(mktemp)"; trap 'rm -f "$LIST"' EXIT
find "$CORPUS" -type f \( -name '*.html' -o -name '*.htm' \) | sort > "$LIST"
python3 - "$BIN" "$LIST" "$RUNS" <<'PY'
import os, statistics, subprocess, sys, time
binary, listfile, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = [l.strip() for l in open(listfile) if l.strip()]
size = sum(os.path.getsize(f) for f in files)
def timed(cmd):
    best = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best.append(time.perf_counter() - t)
    return statistics.median(best)
cases = {
    "xmllint --html --noout --recover (floor)": ["xmllint", "--html", "--noout", "--recover", *files],
    "bsmlint check --jobs 1 --format json": [binary, "check", "--jobs", "1", "--format", "json", *files],
    "bsmlint check --format json (all cores)": [binary, "check", "--format", "json", *files],
}
res = {name: timed(cmd) for name, cmd in cases.items()}
floor = res["xmllint --html --noout --recover (floor)"]
one = res["bsmlint check --jobs 1 --format json"]
allc = res["bsmlint check --format json (all cores)"]
print(f"files: {len(files)}, {size/1e6:.2f} MB, median of {runs} runs, cores: {os.cpu_count()}")
for name, t in res.items():
    print(f"  {name:45s} {t*1000:8.1f} ms  {size/1e6/t:6.1f} MB/s")
print(f"ratio bsmlint 1 job / xmllint:        {one/floor:.2f}x   (target <= 2.0 at this stage, <= 1.3 later)")
print(f"speed-up all cores / 1 job:           {one/allc:.2f}x")
PY
