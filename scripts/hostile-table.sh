#!/usr/bin/env bash
# The hostile-input table of docs/robustness.md: writes the hostile set (scripts/hostile-gen.py)
# to a temporary directory and runs `bsmlint check --format json` on each file under
# `/usr/bin/time -v`, printing a Markdown row per input: outcome, wall time, peak memory (max RSS).
#
#   scripts/hostile-table.sh [BSMLINT]     (default: .build/release/bsmlint; `swift build -c release`)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/bsmlint}
[ -x "$bin" ] || { echo "hostile-table: $bin not found (swift build -c release)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 scripts/hostile-gen.py "$dir/in"
echo "| input | size | outcome | exit | wall | peak RSS |"
echo "|---|---:|---|---:|---:|---:|"
for f in $(ls "$dir/in" | sort); do
  p="$dir/in/$f"
  set +e
  /usr/bin/time -v -o "$dir/time" "$bin" check --format json -o "$dir/out.json" --no-color "$p" 2>"$dir/err" >/dev/null
  status=$?
  set -e
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time")
  outcome=$(python3 - "$dir/out.json" <<'EOF'
import json, sys
try:
    doc = json.load(open(sys.argv[1]))
except Exception as e:
    print("no report (%s)" % type(e).__name__); sys.exit()
f = doc["files"][0]
if f["status"] == "error":
    msg = f["findings"][0]["message"]
    print("input-error: " + (msg if len(msg) < 90 else msg[:87] + "…").replace("|", "\\|"))
else:
    n = len(f["findings"])
    rules = sorted({x["ruleId"] for x in f["findings"]})
    shown = ", ".join(rules[:3]) + (", …" if len(rules) > 3 else "")
    print("%s, %d finding%s%s" % (f["status"], n, "" if n == 1 else "s", " (" + shown + ")" if n else ""))
EOF
)
  size=$(stat -c %s "$p" | awk '{ if ($1 >= 1000000) printf "%.1f MB", $1/1000000; else if ($1 >= 1000) printf "%.0f kB", $1/1000; else printf "%d B", $1 }')
  rss_mb=$(awk -v k="${rss:-0}" 'BEGIN { printf "%.0f MB", k/1024 }')
  echo "| \`$f\` | $size | $outcome | $status | ${wall:-?} | $rss_mb |"
  rm -f "$dir/out.json"
done
