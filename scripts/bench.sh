#!/usr/bin/env bash
# Benchmark: bsmlint (release, every rule on) against libxml2's bare HTML parse (xmllint) over the
# same files, in the same run. Prints both timings (median of N runs; CPU time from
# `perf stat -e task-clock` when perf is available, else wall time), the ratios, and bsmlint's
# own per-phase split (`--stats`, 1 job).
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
import atexit, os, shutil, statistics, subprocess, sys, tempfile, time
binary, listfile, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = [l.strip() for l in open(listfile) if l.strip()]
size = sum(os.path.getsize(f) for f in files)
perf = shutil.which("perf")
if perf and subprocess.run([perf, "stat", "-x,", "-e", "task-clock", "true"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
    perf = None
metric = "task-clock (CPU ms)" if perf else "wall ms"

out = tempfile.NamedTemporaryFile(prefix="bench-perf-", suffix=".csv", delete=False).name
atexit.register(lambda: os.path.exists(out) and os.remove(out))

def once(cmd):
    if perf:
        # perf writes its counts to a file: the command's own stderr (xmllint's parse errors) is dropped.
        subprocess.run([perf, "stat", "-x,", "-o", out, "-e", "task-clock", *cmd],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for line in open(out, errors="replace"):
            if "task-clock" in line:
                return float(line.split(",")[0]) / 1000
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t

def timed(cmd):
    return statistics.median(once(cmd) for _ in range(runs))

def wall(cmd):
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)

xml = ["xmllint", "--html", "--noout", "--recover", *files]
one = [binary, "check", "--jobs", "1", "--format", "json", *files]
allc = [binary, "check", "--format", "json", *files]
cases = {
    "xmllint --html --noout --recover (floor)": xml,
    "bsmlint check --jobs 1 --format json": one,
}
res = {name: timed(cmd) for name, cmd in cases.items()}
floor = res["xmllint --html --noout --recover (floor)"]
t1 = res["bsmlint check --jobs 1 --format json"]
# The all-cores speed-up is about elapsed time, so both sides are measured on the wall clock.
w1, wall_all = wall(one), wall(allc)
print(f"files: {len(files)}, {size/1e6:.2f} MB, median of {runs} runs, {metric}, cores: {os.cpu_count()}")
for name, t in res.items():
    print(f"  {name:45s} {t*1000:8.1f} ms  {size/1e6/t:6.1f} MB/s")
print(f"  {'bsmlint check --format json (all cores), wall':45s} {wall_all*1000:8.1f} ms")
print(f"ratio bsmlint 1 job / xmllint:        {t1/floor:.2f}x   (target <= 2.0 at this stage, <= 1.3 later)")
print(f"speed-up all cores / 1 job (wall):    {w1/wall_all:.2f}x")
# Where bsmlint's time goes (summed over files; wall clock inside the process, 1 job).
stats = subprocess.run([binary, "check", "--stats", "--jobs", "1", "--format", "json", *files],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).stderr.decode("utf-8", "replace")
print("bsmlint --stats (1 job, one run):")
for line in stats.splitlines()[1:]:
    if line.strip():
        print("  " + line.rstrip())
PY
