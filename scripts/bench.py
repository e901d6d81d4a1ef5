#!/usr/bin/env python3
"""Measurements behind scripts/bench.sh (run that: it installs the tools and builds bsmlint).

  bench.py --bin BSMLINT --corpus DIR [--runs N] [--vnu vnu.jar --axe-js axe.min.js]
           [--scale N] [--callgrind]
  bench.py --axe-driver --corpus DIR --axe-js axe.min.js --out RESULT.json
           (internal: the axe pass alone, run by bench.py inside `unshare --net`)

Every figure is printed beside its floor or peer, as a ratio, in the same run. CPU time is
`perf stat -e task-clock` (user + system of the process and its children) when perf works, else
the children's rusage; wall time is the elapsed time of the same runs. See docs/performance.md.
"""
import argparse
import atexit
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEVNULL = subprocess.DEVNULL


def tmpdir(prefix):
    d = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, d, True)
    return d


class Timer:
    """CPU (task-clock) and wall time of one command, or medians over several runs."""

    def __init__(self, work):
        self.out = os.path.join(work, "perf.csv")
        self.perf = shutil.which("perf")
        if self.perf and subprocess.run([self.perf, "stat", "-x,", "-e", "task-clock", "true"],
                                        stdout=DEVNULL, stderr=DEVNULL).returncode != 0:
            self.perf = None
        self.metric = "perf stat task-clock" if self.perf else "rusage user+sys"

    def once(self, cmd, stdout=DEVNULL, stderr=DEVNULL):
        t = time.perf_counter()
        if self.perf:
            # perf writes its counts to a file; the command's own output goes where asked.
            subprocess.run([self.perf, "stat", "-x,", "-o", self.out, "-e", "task-clock", *cmd],
                           stdout=stdout, stderr=stderr)
            wall = time.perf_counter() - t
            for line in open(self.out, errors="replace"):
                if "task-clock" in line:
                    return float(line.split(",")[0]) / 1000, wall
            return float("nan"), wall
        p = subprocess.Popen(cmd, stdout=stdout, stderr=stderr)
        _, _, ru = os.wait4(p.pid, 0)
        return ru.ru_utime + ru.ru_stime, time.perf_counter() - t


def median_pair(samples):
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def machine():
    model = "?"
    for line in open("/proc/cpuinfo", errors="replace"):
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem = 0
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal:"):
            mem = int(line.split()[1]) / 1024 / 1024
    load = open("/proc/loadavg").read().split()[:3]
    return f"{os.cpu_count()} cores ({model}), {mem:.1f} GiB RAM, load average at start {' '.join(load)}"


def fmt_ratio(x):
    return "—" if x is None or x != x else (f"{x:.2f}x" if x < 10 else f"{x:.1f}x")


# ---------------------------------------------------------------------------------------------
# The axe pass alone (inside `unshare --net`).

def axe_driver(args):
    import importlib.util
    spec = importlib.util.spec_from_file_location("axe_compare", os.path.join(HERE, "axe-compare.py"))
    axe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(axe)
    files = corpus_files(args.corpus)
    rel = [os.path.relpath(f, args.corpus) for f in files]
    t = time.perf_counter()
    r = axe.run_axe(rel, args.corpus, args.axe_js, "/usr/lib/chromium/chromium", "/usr/bin/chromedriver")
    wall = time.perf_counter() - t
    nodes = sum(len(v.get("violations", [])) for v in r["files"].values())
    json.dump({"wall": wall, "axeSeconds": r.get("seconds"), "files": len(r["files"]), "browser": r.get("browser"),
               "rules": len(axe.RULE_MAP), "violations": nodes}, open(args.out, "w"))


# ---------------------------------------------------------------------------------------------

def corpus_files(corpus):
    return sorted(os.path.join(d, x) for d, _, fs in os.walk(corpus) for x in fs
                  if x.lower().endswith((".html", ".htm")))


def stats_table(binary, files):
    err = subprocess.run([binary, "check", "--stats", "--jobs", "1", "--format", "json", *files],
                         stdout=DEVNULL, stderr=subprocess.PIPE).stderr.decode("utf-8", "replace")
    phases, rules = [], []
    section = None
    for line in err.splitlines():
        if line.strip().startswith("phase"):
            section = phases
            continue
        if line.strip().startswith("rule "):
            section = rules
            continue
        if section is not None and line.strip():
            section.append(line.rstrip())
    head = next((l for l in err.splitlines() if l.startswith("bsmlint --stats")), "")
    return head, phases, rules


# The rule sets the issues' ratios are stated for: the engine's two end-to-end rules (#2) and the
# twelve styling rules (#3); `one` and `all` run every rule.
ENGINE_RULES = ["insecure-image", "emoji"]
STYLING_RULES = ["margin-too-wide", "image-too-wide", "too-many-font-sizes", "font-family-override",
                 "font-color-override", "line-height-override", "text-align-override", "consecutive-line-breaks",
                 "insecure-image", "emoji", "gif-image", "tracking-pixel"]


def only(rules):
    return [a for r in rules for a in ("--only-rule", r)]


def core(args, timer, files, size):
    b = args.bin
    xml = ["xmllint", "--html", "--noout", "--recover", *files]
    one = [b, "check", "--jobs", "1", "--format", "json", *files]
    engine = [b, "check", "--jobs", "1", "--format", "json", *only(ENGINE_RULES), *files]
    styling = [b, "check", "--jobs", "1", "--format", "json", *only(STYLING_RULES), *files]
    # bsmlint's own floor: read, decode and parse every file into its tree with positions, and
    # nothing a styling rule needs after it (document-title reads the tree only: no CSS, no text
    # model). What the styling rules may cost on top of it within 2.0x is the difference.
    parse = [b, "check", "--jobs", "1", "--format", "json", *only(["document-title"]), *files]
    allj = [b, "check", "--format", "json", *files]
    s = {"xml": [], "parse": [], "engine": [], "styling": [], "one": [], "all": []}
    # Interleaved rounds: a change in the machine's load hits every command alike.
    for _ in range(args.runs):
        s["xml"].append(timer.once(xml))
        s["parse"].append(timer.once(parse))
        s["engine"].append(timer.once(engine))
        s["styling"].append(timer.once(styling))
        s["one"].append(timer.once(one))
        s["all"].append(timer.once(allj))
    return {k: median_pair(v) for k, v in s.items()}


def peers(args, timer, files, work):
    res = {}
    tidy_report = os.path.join(work, "tidy.txt")
    tidy = ["tidy", "-q", "-e", "-access", "3", "-f", tidy_report, *files]
    res["tidy"] = median_pair([timer.once(tidy) for _ in range(args.runs)])
    warnings = sum(1 for l in open(tidy_report, errors="replace") if l.startswith("line "))
    res["tidy_note"] = f"{warnings} messages"

    vnu_out = os.path.join(work, "vnu.json")
    with open(vnu_out, "wb") as f:
        res["vnu"] = timer.once(["java", "-jar", args.vnu, "--format", "json", *files], stdout=f, stderr=f)
    try:
        msgs = json.load(open(vnu_out, errors="replace")).get("messages", [])
        res["vnu_note"] = f"{len(msgs)} messages"
    except ValueError:
        res["vnu_note"] = "output not JSON (see vnu's stderr)"

    axe_out = os.path.join(work, "axe.json")
    driver = [sys.executable, os.path.abspath(__file__), "--axe-driver", "--corpus", args.corpus,
              "--axe-js", args.axe_js, "--out", axe_out]
    cmd = ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *driver]
    res["axe"] = timer.once(cmd, stderr=None)
    try:
        a = json.load(open(axe_out))
        res["axe_note"] = (f"{a['rules']} rules, {a['violations']} violating nodes; axe loop alone "
                           f"{a['axeSeconds']} s, Chromium {a['browser']}")
        if a["files"] != len(files):
            res["axe_note"] += f"; ONLY {a['files']} of {len(files)} files"
    except (OSError, ValueError, KeyError):
        res["axe"] = (float("nan"), float("nan"))
        res["axe_note"] = "axe pass failed (see above)"
    return res


def scale(args, files):
    n = args.scale
    work = tmpdir("bsmlint-scale-")
    per = max(1, n // 100)
    made = []
    t = time.perf_counter()
    for i in range(n):
        src = files[i % len(files)]
        d = os.path.join(work, "batch", f"p{i // per:04d}")
        if i % per == 0:
            os.makedirs(d)
        dst = os.path.join(d, f"{i:06d}-{os.path.basename(src)}")
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)  # another file system: copies (bsmlint reads either alike)
        made.append(dst)
    print(f"scale: {n} files (hard links repeating the corpus) made in {time.perf_counter() - t:.1f} s under {work}",
          flush=True)
    parts = sorted(os.listdir(os.path.join(work, "batch")))
    steps = [(parts[:10], min(n, 10 * per)), (["batch"], n)] if len(parts) > 10 else [(["batch"], n)]
    rows = []
    for names, count in steps:
        paths = [os.path.join(work, "batch", p) if p != "batch" else os.path.join(work, "batch") for p in names]
        out = os.path.join(work, "out.jsonl")
        cmd = ["/usr/bin/time", "-v", args.bin, "check", *paths, "--format", "jsonl", "-o", out]
        t = time.perf_counter()
        p = subprocess.run(cmd, stdout=DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t
        err = p.stderr.decode("utf-8", "replace")
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024
        user = float(re.search(r"User time \(seconds\): ([\d.]+)", err).group(1))
        system = float(re.search(r"System time \(seconds\): ([\d.]+)", err).group(1))
        rc = int(re.search(r"Exit status: (\d+)", err).group(1)) if "Exit status" in err else p.returncode
        # Every file in the output, once, plus one summary whose `files` is the count.
        want = set(made[:count])
        seen, lines, last, dup, size = set(), 0, None, 0, os.path.getsize(out) if os.path.exists(out) else 0
        pat = re.compile(r'^\{"path":("(?:[^"\\]|\\.)*")')
        if size:
            with open(out, encoding="utf-8", errors="replace") as f:
                for line in f:
                    lines += 1
                    m = pat.match(line)
                    if m:
                        path = json.loads(m.group(1))
                        dup += path in seen
                        seen.add(path)
                    else:
                        last = line
            os.remove(out)
        summary = json.loads(last)["summary"] if last else {}
        ok = (rc in (0, 1) and lines == count + 1 and summary.get("files") == count and seen == want and not dup)
        rows.append({"files": count, "rss": rss, "wall": wall, "cpu": user + system, "rc": rc, "lines": lines,
                     "summaryFiles": summary.get("files"), "ok": ok, "bytes": size, "missing": len(want - seen),
                     "dup": dup})
        print(f"scale: {count} files checked in {wall:.1f} s, peak RSS {rss:.1f} MB, "
              f"{'verified' if ok else 'NOT VERIFIED'}", flush=True)
    shutil.rmtree(work, True)
    return rows


# ---------------------------------------------------------------------------------------------
# callgrind

SIGSUSPEND_SHIM = r"""
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
/* valgrind 3.19 writes into the mask given to sigsuspend (removing its own signal), and
   libdispatch's main thread (dispatch_main) passes a read-only one: valgrind then crashes with
   SIGSEGV. A writable copy avoids it; behaviour is the same. */
int sigsuspend(const sigset_t *mask) { sigset_t copy = *mask; return (int)syscall(SYS_rt_sigsuspend, &copy, 8); }
"""

# Each phase: groups of function-name patterns (demangled, simplified); a group's cost is the
# largest inclusive cost among its matches (the thunk, the specialisation and the function itself
# nest), and the phase is the sum of its groups.
PHASES = [
    ("decode (bytes -> UTF-8 source)", [[r"(specialized )?static TextDecoder\.decode\(_:html:declaredCharset:baseLine:baseOffset:\)"]]),
    ("parse (libxml2 + bsmlint tree)", [[r"(specialized )?static HTMLParser\.parse\(_:kind:limits:\)"]]),
    ("style (CSS parse, selectors, cascade)", [[r"(specialized )?StyleEngine\.init\(document:\)"],
                                               [r"(specialized )?StyleEngine\.resolve\(widths:\)"]]),
    ("layout (layout-lite)", [[r"(specialized )?LayoutLite\.layoutAll\(\)"],
                              [r"(specialized )?LayoutLite\.init\(doc:styles:rendered:width:\)"]]),
    ("text model (+ prepared sentences)", [[r"(specialized )?TextModel\.init\(document:placeholders:isHidden:\)"],
                                           [r"(specialized )?static PreparedSentence\.all\(_:placeholders:\)"]]),
    ("rules (walk + finish)", [[r"(specialized )?Linter\.walk\(_:_:_:_:_:\)"],
                               [r"protocol witness for RuleRunner\.finish\(_:\) in conformance ConcreteRunner<A>"]]),
]
LINT = [[r"(specialized )?Linter\.lint\(_:deadline:timings:\)"]]
REPORT = [[r"(partial apply for )?closure #\d+ in CheckCommand\.run\(\)"]]
RULE = re.compile(r"protocol witness for Rule\.(visit|finish)\(.*\) in conformance (\w+)$")


def annotate(path):
    ann = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", path],
                         capture_output=True, text=True, errors="replace").stdout
    dem = subprocess.run(["swift", "demangle", "--simplified"], input=ann, capture_output=True, text=True,
                         errors="replace").stdout
    funcs, total = {}, 0
    line_re = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$")
    for line in dem.splitlines():
        m = line_re.match(line)
        if not m:
            continue
        cost, rest = int(m.group(1).replace(",", "")), m.group(2)
        if rest.strip() == "PROGRAM TOTALS":
            total = cost
            continue
        rest = re.sub(r" \[[^\]]*\]$", "", rest)
        name = rest.split(":", 1)[1] if ":" in rest else rest
        funcs[name] = max(funcs.get(name, 0), cost)
    return total, funcs


def cost_of(funcs, groups):
    total = 0
    for group in groups:
        pats = [re.compile("^" + p + "$") for p in group]
        total += max([c for n, c in funcs.items() if any(p.match(n) for p in pats)] or [0])
    return total


def per_rule(funcs):
    out = {}
    for n, c in funcs.items():
        m = RULE.match(n)
        if m:
            out[m.group(2)] = out.get(m.group(2), 0) + c
    return out


def callgrind(args, files, work):
    by_size = sorted(files, key=lambda f: (os.path.getsize(f), f))
    mid = by_size[len(by_size) // 2]
    warm = by_size[len(by_size) // 2 - 1]
    # valgrind 3.19 cannot read Swift 6's DWARF 5: a copy without debug info (the symbol table
    # stays), next to the original so resources resolve alike.
    binc = args.bin + "-callgrind"
    subprocess.run(["objcopy", "--strip-debug", args.bin, binc], check=True)
    atexit.register(lambda: os.path.exists(binc) and os.remove(binc))
    shim_c, shim = os.path.join(work, "sigsuspend-shim.c"), os.path.join(work, "sigsuspend-shim.so")
    open(shim_c, "w").write(SIGSUSPEND_SHIM)
    cc = shutil.which("cc") or shutil.which("clang") or "gcc"
    subprocess.run([cc, "-shared", "-fPIC", "-O2", "-o", shim, shim_c], check=True)
    # Swift seeds its hashing per process; a fixed seed makes the counts repeat exactly.
    env = dict(os.environ, LD_PRELOAD=shim, SWIFT_DETERMINISTIC_HASHING="1")

    def run(cmd, tag):
        out = os.path.join(work, f"callgrind.{tag}")
        p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd],
                           env=env, stdout=DEVNULL, stderr=subprocess.PIPE)
        if not os.path.exists(out):
            sys.exit("bench: callgrind failed:\n" + p.stderr.decode("utf-8", "replace")[-3000:])
        return annotate(out)

    bsm = [binc, "check", "--jobs", "1", "--format", "jsonl", "-o", "/dev/null"]
    a_total, a = run(bsm + [warm], "warm")
    b_total, b = run(bsm + [warm, mid], "warm+mid")
    # The floor, the same way: libxml2's parse of the same file after the warm-up file.
    xa, _ = run(["xmllint", "--html", "--noout", "--recover", warm], "xml-warm")
    xb, _ = run(["xmllint", "--html", "--noout", "--recover", warm, mid], "xml-warm+mid")
    total = b_total - a_total
    rows = []
    for name, groups in PHASES:
        rows.append((name, cost_of(b, groups) - cost_of(a, groups)))
    lint = cost_of(b, LINT) - cost_of(a, LINT)
    inside = sum(c for n, c in rows if not n.startswith(("decode", "parse")))
    rows.append(("findings (directives, sort, snippets, fingerprints)", lint - inside))
    rows.append(("report (jsonl writer, summary)", cost_of(b, REPORT) - cost_of(a, REPORT)))
    rows.append(("other (read, sniff, code frames, scheduling)", total - sum(c for _, c in rows)))
    ra, rb = per_rule(a), per_rule(b)
    rules = sorted(((k, rb.get(k, 0) - ra.get(k, 0)) for k in rb), key=lambda x: -x[1])
    return {"mid": mid, "warm": warm, "size": os.path.getsize(mid), "total": total, "rows": rows,
            "rules": rules, "oneProcess": a_total, "xml": xb - xa}


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--vnu")
    ap.add_argument("--axe-js")
    ap.add_argument("--scale", type=int, default=0)
    ap.add_argument("--callgrind", action="store_true")
    ap.add_argument("--axe-driver", action="store_true")
    ap.add_argument("--out")
    args = ap.parse_args()
    if args.axe_driver:
        return axe_driver(args)

    work = tmpdir("bsmlint-bench-")
    timer = Timer(work)
    files = corpus_files(args.corpus)
    size = sum(os.path.getsize(f) for f in files)
    version = subprocess.run([args.bin, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {machine()}")
    print(f"corpus:  {args.corpus}: {len(files)} files, {size / 1e6:.2f} MB; bsmlint {version}, release, every rule on")
    print(f"timing:  {timer.metric} (CPU) and elapsed (wall); fast commands: median of {args.runs} interleaved runs;"
          f" vnu and axe: one run", flush=True)

    c = core(args, timer, files, size)
    p = peers(args, timer, files, work) if args.vnu else None
    head, phases, rules = stats_table(args.bin, files)
    cg = callgrind(args, files, work) if args.callgrind else None
    sc = scale(args, files) if args.scale else None

    n = len(files)
    cpu1, wall1 = c["one"]
    wall_all = c["all"][1]
    print()
    print(f"{'command (all ' + str(n) + ' files, one process)':58s} {'CPU ms':>9s} {'wall ms':>9s} {'CPU ms/file':>11s}")
    table = [("xmllint --html --noout --recover  (floor)", c["xml"]),
             ("bsmlint --jobs 1, parse only (document-title: no CSS)", c["parse"]),
             ("bsmlint --jobs 1, engine rules (insecure-image, emoji)", c["engine"]),
             ("bsmlint --jobs 1, the 12 styling rules", c["styling"]),
             ("bsmlint check --jobs 1 --format json  (every rule)", c["one"]),
             (f"bsmlint check --format json  ({os.cpu_count()} jobs)", c["all"])]
    if p:
        table += [("tidy -q -e -access 3 -f REPORT", p["tidy"]),
                  ("java -jar vnu.jar --format json  (one JVM)", p["vnu"]),
                  ("axe-core 4.12.1, headless Chromium (network off)", p["axe"])]
    for name, (cpu, wall) in table:
        print(f"  {name:56s} {cpu * 1000:9.0f} {wall * 1000:9.0f} {cpu * 1000 / n:11.2f}")
    if p:
        print(f"  notes: tidy {p['tidy_note']}; vnu {p['vnu_note']}; axe {p['axe_note']}")
    print()
    print(f"{'ratio':58s} {'value':>9s}  target")
    r1 = cpu1 / c["xml"][0]
    sp = wall1 / wall_all
    for key, name, target in (("engine", "engine rules", 2.0), ("styling", "styling rules", 2.0)):
        r = c[key][0] / c["xml"][0]
        print(f"  {'bsmlint 1 job, ' + name + ' / xmllint  (CPU)':56s} {fmt_ratio(r):>9s}  <= {target:.1f}x: "
              + ("met" if r <= target else f"missed by {r / target:.1f}x"))
    rp = c["parse"][0] / c["xml"][0]
    left = 2.0 * c["xml"][0] - c["parse"][0]
    print(f"  {'bsmlint 1 job, parse only / xmllint  (CPU)':56s} {fmt_ratio(rp):>9s}  recorded: at 2.0x, "
          f"{left * 1000:.0f} ms are left for CSS, cascade, layout, rules and report "
          f"(the styling run spends {(c['styling'][0] - c['parse'][0]) * 1000:.0f} ms on them)")
    print(f"  {'bsmlint 1 job, every rule / xmllint  (CPU)':56s} {fmt_ratio(r1):>9s}  <= 1.3x: "
          + ("met" if r1 <= 1.3 else f"missed by {r1 / 1.3:.1f}x"))
    used = c["all"][0] / wall_all
    print(f"  {'bsmlint all jobs vs 1 job  (wall speed-up)':56s} {fmt_ratio(sp):>9s}  >= 1.8x: "
          + ("met" if sp >= 1.8 else f"missed ({sp:.2f}x)")
          + f"; cores the run got: CPU/wall = {used:.2f} of {os.cpu_count()}")
    if p:
        for key, name in (("tidy", "HTML Tidy"), ("vnu", "Nu HTML Checker"), ("axe", "axe-core")):
            cpu, wall = p[key]
            print(f"  {'bsmlint 1 job / ' + name + '  (CPU)':56s} {fmt_ratio(cpu1 / cpu):>9s}  recorded")
            print(f"  {'bsmlint all jobs / ' + name + '  (wall)':56s} {fmt_ratio(wall_all / wall):>9s}  recorded")
    if cg:
        print(f"  {'bsmlint / xmllint, instructions for one file (callgrind)':56s} "
              f"{fmt_ratio(cg['total'] / cg['xml']):>9s}  (recorded; not load-dependent)")
    if sc:
        for row in sc:
            print(f"  {'peak RSS, ' + format(row['files'], ',') + ' files, --format jsonl':56s} "
                  f"{row['rss']:7.1f}MB  <= 100 MB: {'met' if row['rss'] <= 100 else 'missed'}")
        if len(sc) == 2:
            print(f"  {'peak RSS growth ' + format(sc[0]['files'], ',') + ' -> ' + format(sc[1]['files'], ',') + ' files':56s} "
                  f"{fmt_ratio(sc[1]['rss'] / sc[0]['rss']):>9s}  flat (~1.0x)")

    if sc:
        print()
        print("scale (hard links repeating the corpus; bsmlint check PATHS --format jsonl -o FILE, all jobs):")
        print(f"  {'files':>8s} {'wall s':>8s} {'CPU s':>8s} {'files/s':>8s} {'peak RSS':>9s} {'report':>9s}  verified")
        for row in sc:
            check = ("yes: " if row["ok"] else "NO: ") + (f"{row['lines']:,} lines = files + 1 summary, "
                                                        f"summary.files {row['summaryFiles']:,}, "
                                                        f"{row['missing']} missing, {row['dup']} twice, exit {row['rc']}")
            print(f"  {row['files']:8,d} {row['wall']:8.1f} {row['cpu']:8.1f} {row['files'] / row['wall']:8.0f} "
                  f"{row['rss']:7.1f}MB {row['bytes'] / 1e9:7.2f}GB  {check}")

    if cg:
        print()
        print(f"callgrind: instructions for {os.path.relpath(cg['mid'], args.corpus)} ({cg['size']:,} bytes, the median "
              f"size), checked after {os.path.relpath(cg['warm'], args.corpus)} in the same process, so one-time "
              f"set-up (dictionaries, phrase packs, tables) is excluded:")
        for name, v in cg["rows"] + [("total per file", cg["total"])]:
            share = f"{100 * v / cg['total']:5.1f}%" if cg["total"] else ""
            print(f"  {name:54s} {v:14,d}  {share}")
        print(f"  {'xmllint --html --noout --recover, same file, same way':54s} {cg['xml']:14,d}")
        print(f"  {'one process, warm-up file alone (incl. one-time set-up)':54s} {cg['oneProcess']:14,d}")
        print("  top rules (visit + finish):")
        for k, v in cg["rules"][:8]:
            print(f"    {k:52s} {v:14,d}  {100 * v / cg['total']:5.1f}%")

    print()
    print(f"bsmlint --stats, 1 job, one run ({head.replace('bsmlint --stats: ', '')}; wall clock inside the process):")
    for line in phases:
        print("  " + line.strip())
    print("  top rules:")
    for line in rules[:10]:
        print("    " + line.strip())


if __name__ == "__main__":
    main()
