#!/usr/bin/env bash
# Fuzzes bsmlint with libFuzzer (issue 8; figures in docs/robustness.md).
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS]
#
# TARGET: html | text | eml (the whole pipeline on arbitrary bytes as that kind), css (tokenizer,
# parsers, selector matching, cascade), config (.bsmlint.yml loader), or all (each in turn, for
# SECONDS each; default 60). Builds the separate package in Fuzz/ with
# `-sanitize=fuzzer,address` (FUZZ_SANITIZE=fuzzer for speed without AddressSanitizer/leak
# checks), seeds a corpus per target from Fixtures/ (kept in Fuzz/.build/corpus/TARGET, so later
# runs go on from there), runs libFuzzer with -max_total_time=SECONDS -timeout=10
# -rss_limit_mb=2048, and prints the executions per target. A crash, leak, timeout or OOM is
# minimised and copied to Fixtures/hostile/fuzz/ (run by HostileInputTests.fuzzRegressionFixtures);
# the script then exits 1.
#
# Environment: FUZZ_SANITIZE (default fuzzer,address), FUZZ_NO_BUILD=1 (use the last build, e.g.
# for a second run in parallel), FUZZ_NICE (default 10), FUZZ_ARGS (extra libFuzzer options).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target=${1:-all}
seconds=${2:-60}
sanitize=${FUZZ_SANITIZE:-fuzzer,address}
fuzz="$root/Fuzz"
# One build directory per instrumentation (the corpora are shared, in Fuzz/.build/corpus).
scratch="$fuzz/.build"
[ "$sanitize" = "fuzzer,address" ] || scratch="$fuzz/.build-${sanitize//,/-}"
case "$target" in
  all) targets=(html text eml css config) ;;
  html|text|eml|css|config) targets=("$target") ;;
  *) echo "usage: scripts/fuzz.sh [html|text|eml|css|config|all] [SECONDS]" >&2; exit 2 ;;
esac

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  echo "fuzz: building Fuzz/ (-sanitize=$sanitize, release)" >&2
  # ld.gold warns once per exported sanitizer symbol; nothing else is dropped.
  (cd "$fuzz" && swift build -c release --scratch-path "$scratch" -Xswiftc "-sanitize=$sanitize" 2>&1 | grep -v "Cannot export local symbol") >&2
fi
bin="$scratch/release"

# Seeds: Fixtures by kind, CSS from <style> blocks and style attributes, every .bsmlint.yml, and the
# regression inputs (for every target).
seed() {
  local t=$1 dir=$2
  mkdir -p "$dir"
  python3 - "$t" "$dir" "$root" <<'EOF'
import hashlib, os, re, sys
t, out, root = sys.argv[1:]
fx = os.path.join(root, "Fixtures")
def put(data):
    if isinstance(data, str): data = data.encode("utf-8")
    if not data or len(data) > 200_000: return
    with open(os.path.join(out, "seed-" + hashlib.sha1(data).hexdigest()[:16]), "wb") as f: f.write(data)
files = []
for d, _, names in os.walk(fx):
    for n in names: files.append(os.path.join(d, n))
ext = {"html": (".html", ".htm"), "text": (".txt",), "eml": (".eml",)}
for p in sorted(files):
    low = p.lower()
    data = open(p, "rb").read()
    if "/hostile/fuzz/" in p: put(data); continue
    if t in ext and low.endswith(ext[t]): put(data)
    if t == "text" and low.endswith((".html", ".htm")): put(re.sub(rb"<[^>]*>", b" ", data))
    if t == "css" and low.endswith((".html", ".htm", ".eml")):
        s = data.decode("utf-8", "replace")
        for m in re.finditer(r"<style[^>]*>(.*?)</style>", s, re.S | re.I): put(m.group(1))
        attrs = [m.group(1) for m in re.finditer(r'style="([^"]*)"', s, re.I)]
        if attrs: put("\n".join(attrs))
    if t == "config" and os.path.basename(low) in (".bsmlint.yml", ".bsmlint.yaml"): put(data)
if t == "config":
    readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
    for m in re.finditer(r"```yaml\n(.*?)```", readme, re.S): put(m.group(1))
EOF
}

maxlen() { case $1 in html|text|eml) echo 16384 ;; css) echo 4096 ;; config) echo 1024 ;; esac; }
extension() { case $1 in html) echo html ;; text) echo txt ;; eml) echo eml ;; css) echo css ;; config) echo yml ;; esac; }

failed=0
summary=()
for t in "${targets[@]}"; do
  corpus="$fuzz/.build/corpus/$t"
  art="$fuzz/.build/artifacts/$t"
  log="$fuzz/.build/logs/fuzz-$t-$(date +%Y%m%d-%H%M%S)-$$.log"
  mkdir -p "$art" "$(dirname "$log")"
  seed "$t" "$corpus"
  echo "fuzz: fuzz-$t for ${seconds}s ($(ls "$corpus" | wc -l) corpus inputs; log $log)" >&2
  start=$(date +%s)
  # Swift's backtracer would wait on a crashing fuzzer: libFuzzer reports the stack itself.
  SWIFT_BACKTRACE=enable=no nice -n "${FUZZ_NICE:-10}" "$bin/fuzz-$t" "$corpus" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(maxlen "$t")" \
    -print_final_stats=1 -artifact_prefix="$art/" ${FUZZ_ARGS:-} >"$log" 2>&1 || true
  elapsed=$(( $(date +%s) - start ))
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1 || true)
  rss=$(grep -Eo 'stat::peak_rss_mb: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1 || true)
  found=$(ls "$art" | grep -E '^(crash|leak|timeout|oom)-' || true)
  n_found=$(printf '%s' "$found" | grep -c . || true)
  line="fuzz-$t [$sanitize]: ${execs:-?} executions in ${elapsed}s ($(( ${execs:-0} / (elapsed > 0 ? elapsed : 1) ))/s), peak RSS ${rss:-?} MB, findings $n_found"
  summary+=("$line")
  echo "$line" >&2
  if [ "$n_found" -gt 0 ]; then
    failed=1
    for f in $found; do
      min="$art/min-$f"
      case $f in
        crash-*|leak-*)
          SWIFT_BACKTRACE=enable=no timeout 180 "$bin/fuzz-$t" -minimize_crash=1 -max_total_time=20 \
            -exact_artifact_path="$min" "$art/$f" >"$log.min" 2>&1 || true ;;
      esac
      [ -s "$min" ] || cp "$art/$f" "$min"
      dest="$root/Fixtures/hostile/fuzz/$t-${f%%-*}-$(sha1sum "$min" | cut -c1-10).$(extension "$t")"
      cp "$min" "$dest"
      mv "$art/$f" "$art/done-$f"
      echo "fuzz: $f minimised to $(wc -c <"$min") bytes -> ${dest#"$root"/} (fix the bug, keep the fixture)" >&2
      grep -m1 -E 'ERROR|SUMMARY' "$log" >&2 || true
    done
  fi
done
printf '%s\n' "${summary[@]}"
exit $failed
