#!/usr/bin/env python3
"""Compare bsmlint's accessibility rules with axe-core on a corpus of HTML templates.

Stages (see docs/accessibility-vs-axe.md for the method and the results):
  1. axe:      load every file (file://, network off) in headless Chromium via Selenium, inject the
               pinned axe.min.js, run only the rules that have a bsmlint counterpart, and record for
               each violating node its tag name and index among document.getElementsByTagName(tag).
  2. bsmlint:  `bsmlint check DIR --format json --only-rule ...` and map each finding's byte offset
               to (tag, index) by counting same-name start tags before it in the original bytes
               (comments, raw-text element contents and CDATA skipped).
  3. compare:  match per file and rule group by element identity (tag, index); document-level
               rules per file; color-contrast per file and per element (see the doc).

Usage:
  axe-compare.py --corpus DIR --bsmlint BIN --axe-js axe.min.js [--axe-json OUT] [--reuse-axe]
                 [--bsm-json OUT] [--details OUT.json] [--markdown OUT.md]
Run stage 1 without network (e.g. `unshare --net`, with loopback up for chromedriver).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict

AXE_VERSION = "4.12.1"

# axe rule -> bsmlint rule
RULE_MAP = {
    "image-alt": "img-alt",
    "html-has-lang": "html-lang",
    "html-lang-valid": "html-lang",
    "document-title": "document-title",
    "link-name": "link-name",
    "presentation-role-conflict": "presentation-role-conflict",
    "empty-heading": "heading-order",
    "heading-order": "heading-order",
    "color-contrast": "color-contrast",
    "blink": "obsolete-motion",
    "marquee": "obsolete-motion",
    "aria-valid-attr": "valid-aria",
    "aria-roles": "valid-aria",
}
BSM_RULES = sorted(set(RULE_MAP.values()))
FILE_LEVEL = {"html-lang", "document-title"}
VIEWPORT_WIDTH = 600  # bsmlint's default reference width

# ---------------------------------------------------------------------------------------------
# Stage 1: axe in Chromium


NODE_INFO_JS = r"""
function info(el) {
  if (!el || el.nodeType !== 1) return null;
  const tag = el.localName.toLowerCase();
  const list = document.getElementsByTagName(el.localName);
  const index = Array.prototype.indexOf.call(list, el);
  const anc = [];
  for (let p = el.parentElement; p; p = p.parentElement) {
    anc.push([p.localName.toLowerCase(), Array.prototype.indexOf.call(document.getElementsByTagName(p.localName), p)]);
  }
  return {tag: tag, index: index, ancestors: anc};
}
"""

RUN_JS = NODE_INFO_JS + r"""
const done = arguments[arguments.length - 1];
const rules = arguments[0];
axe.run(document, {runOnly: {type: 'rule', values: rules}, elementRef: true,
                   resultTypes: ['violations', 'incomplete']})
  .then(r => {
    const out = {version: axe.version, url: r.url, innerWidth: window.innerWidth, violations: [], incomplete: []};
    for (const kind of ['violations', 'incomplete']) {
      for (const v of r[kind]) {
        for (const n of v.nodes) {
          const i = info(n.element);
          out[kind].push({rule: v.id, target: n.target, html: n.html.slice(0, 300),
                          summary: (n.failureSummary || '').slice(0, 400),
                          data: (n.any.concat(n.all, n.none).map(c => c.data).filter(d => d)[0]) || null,
                          tag: i ? i.tag : null, index: i ? i.index : null, ancestors: i ? i.ancestors : []});
        }
      }
    }
    done(out);
  })
  .catch(e => done({error: String(e)}));
"""


def run_axe(files, corpus, axe_js_path, chromium, chromedriver):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    axe_src = open(axe_js_path, encoding="utf-8").read()
    m = re.match(r"/\*! axe v([0-9.]+)", axe_src)
    if not m or m.group(1) != AXE_VERSION:
        sys.exit(f"axe-compare: expected axe-core {AXE_VERSION} in {axe_js_path}, found {m.group(1) if m else '?'}")

    opts = Options()
    opts.binary_location = chromium
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--no-first-run", "--disable-extensions", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-default-apps",
              f"--window-size={VIEWPORT_WIDTH},1000",
              "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]:
        opts.add_argument(a)
    driver = webdriver.Chrome(options=opts, service=Service(chromedriver))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(120)
    browser_version = driver.capabilities.get("browserVersion")
    results = {"axeVersion": None, "browser": browser_version, "files": {}}
    t0 = time.time()
    try:
        for i, f in enumerate(files):
            # Same CSS viewport as bsmlint's reference width.
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": VIEWPORT_WIDTH, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
            url = "file://" + os.path.abspath(os.path.join(corpus, f))
            try:
                driver.get(url)
            except Exception as e:  # a page load timeout still leaves a DOM to check
                print(f"axe-compare: load {f}: {type(e).__name__}", file=sys.stderr)
            driver.execute_script(axe_src)
            r = driver.execute_async_script(RUN_JS, sorted(RULE_MAP))
            if "error" in r:
                print(f"axe-compare: axe failed on {f}: {r['error']}", file=sys.stderr)
            results["axeVersion"] = r.get("version", results["axeVersion"])
            results["files"][f] = r
            if (i + 1) % 50 == 0:
                print(f"axe-compare: {i + 1}/{len(files)} files, {time.time() - t0:.0f}s", file=sys.stderr)
    finally:
        driver.quit()
    results["seconds"] = round(time.time() - t0, 1)
    if results["axeVersion"] != AXE_VERSION:
        sys.exit(f"axe-compare: axe.version in the page is {results['axeVersion']}, expected {AXE_VERSION}")
    return results


# ---------------------------------------------------------------------------------------------
# Stage 2: bsmlint findings -> (tag, index)

RAW_TEXT = {"script", "style", "noscript", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"}
TAG_NAME = re.compile(rb"<([A-Za-z][^\s/>]*)")


class SourceTags:
    """Start tags of a file in document order, as an HTML5 tokenizer sees them (approximately):
    comments (<!-- ... -->, which hides Outlook conditional blocks), bogus comments (<!x ...>, <?...>),
    CDATA and the contents of raw-text elements are skipped; names are compared case-insensitively."""

    def __init__(self, data: bytes):
        self.data = data
        self.tags = []          # (start, end, name, index)
        self.hidden = []        # (start, end, kind) spans not tokenized as markup
        counts = defaultdict(int)
        low = data.lower()
        i, n = 0, len(data)
        while True:
            j = data.find(b"<", i)
            if j < 0 or j + 1 >= n:
                break
            if data.startswith(b"<!--", j):
                k = j + 4
                if data.startswith(b">", k):
                    end = k + 1
                elif data.startswith(b"->", k):
                    end = k + 2
                else:
                    e1 = data.find(b"-->", k)
                    e2 = data.find(b"--!>", k)
                    cands = [e for e in ((e1, 3), (e2, 4)) if e[0] >= 0]
                    if cands:
                        e, ln = min(cands)
                        end = e + ln
                    else:
                        end = n
                self.hidden.append((j, end, "comment"))
                i = end
                continue
            if data.startswith(b"<![CDATA[", j):
                e = data.find(b"]]>", j)
                end = n if e < 0 else e + 3
                self.hidden.append((j, end, "cdata"))
                i = end
                continue
            if data.startswith(b"<!", j) or data.startswith(b"<?", j):
                e = data.find(b">", j)
                end = n if e < 0 else e + 1
                self.hidden.append((j, end, "bogus-comment"))
                i = end
                continue
            if data.startswith(b"</", j):
                e = data.find(b">", j)
                i = n if e < 0 else e + 1
                continue
            m = TAG_NAME.match(data, j)
            if not m:
                i = j + 1
                continue
            name = m.group(1).decode("latin-1").lower()
            end = self._tag_end(m.end())
            self.tags.append((j, end, name, counts[name]))
            counts[name] += 1
            i = end
            if name in RAW_TEXT:
                close = low.find(b"</" + name.encode(), end)
                stop = n if close < 0 else close
                self.hidden.append((end, stop, name))
                i = stop

    def _tag_end(self, k):
        data, n, quote = self.data, len(self.data), None
        while k < n:
            c = data[k:k + 1]
            if quote:
                if c == quote:
                    quote = None
            elif c in (b'"', b"'") and data[k - 1:k] in (b"=", b" ", b"\t", b"\n", b"\r"):
                quote = c
            elif c == b">":
                return k + 1
            k += 1
        return n

    def locate(self, offset):
        """What the byte at `offset` belongs to: ('tag', name, index) for a start tag (or inside
        one), ('hidden', kind, None) inside a comment/raw text, ('text', None, None) otherwise."""
        for s, e, kind in self.hidden:
            if s <= offset < e:
                return ("hidden", kind, None)
        lo, hi = 0, len(self.tags)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tags[mid][0] <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo:
            s, e, name, idx = self.tags[lo - 1]
            if s <= offset < e:
                return ("tag", name, idx)
        return ("text", None, None)


def run_bsmlint(bsmlint, corpus):
    cmd = [bsmlint, "check", corpus, "--format", "json"]
    for r in BSM_RULES:
        cmd += ["--only-rule", r]
    p = subprocess.run(cmd, capture_output=True)
    if p.returncode not in (0, 1):
        sys.exit(f"axe-compare: bsmlint failed ({p.returncode}): {p.stderr.decode()[:2000]}")
    return json.loads(p.stdout), cmd


def bsm_nodes(report, corpus):
    out = {}
    for fe in report["files"]:
        rel = os.path.relpath(fe["path"], corpus)
        data = open(fe["path"], "rb").read()
        st = SourceTags(data)
        nodes = []
        for f in fe.get("findings", []):
            loc = st.locate(f["offset"])
            kind, name, idx = loc
            m = re.search(r"→ (\d+) text element", f.get("evidence", "") or "")
            nodes.append({"rule": f["ruleId"], "line": f["line"], "column": f["column"], "offset": f["offset"],
                          "message": f["message"], "evidence": f.get("evidence"), "snippet": f.get("snippet"),
                          "where": kind, "tag": name if kind == "tag" else None,
                          "hiddenKind": name if kind == "hidden" else None,
                          "index": idx, "count": int(m.group(1)) if m else 1})
        out[rel] = nodes
    return out


# ---------------------------------------------------------------------------------------------
# Stage 3: compare


def compare(axe, bsm):
    files = sorted(set(axe["files"]) | set(bsm))
    rows = {r: {"both": 0, "bsm_only": 0, "axe_only": 0, "files": 0} for r in BSM_RULES}
    cc_file = {"both": 0, "bsm_only": 0, "axe_only": 0}
    cc_elem = {"axe_nodes": 0, "covered": 0, "covered_anchor": 0, "covered_colour": 0, "over_count": 0, "bsm_elements": 0, "bsm_findings_stylesheet": 0}
    dis = []
    for f in files:
        a = axe["files"].get(f, {"violations": [], "incomplete": []})
        b = bsm.get(f, [])
        for rule in BSM_RULES:
            an = [n for n in a["violations"] if RULE_MAP[n["rule"]] == rule]
            bn = [n for n in b if n["rule"] == rule]
            if rule in FILE_LEVEL:
                if an and bn:
                    rows[rule]["both"] += 1
                elif bn:
                    rows[rule]["bsm_only"] += 1
                    dis.append({"file": f, "rule": rule, "side": "bsmlint", "bsm": bn, "axeIncomplete":
                                [n for n in a["incomplete"] if RULE_MAP[n["rule"]] == rule]})
                elif an:
                    rows[rule]["axe_only"] += 1
                    dis.append({"file": f, "rule": rule, "side": "axe", "axe": an})
                continue
            if rule == "color-contrast":
                # File level.
                if an and bn:
                    cc_file["both"] += 1
                elif bn:
                    cc_file["bsm_only"] += 1
                elif an:
                    cc_file["axe_only"] += 1
                # Element level. An axe node is covered by a bsmlint finding of the same file when
                #  (a) the finding is anchored at an element (inline style declaration or first affected
                #      element) that is the node or one of its ancestors, with the same colours, or else
                #  (b) the finding's evidence names the same text colour and background as axe's data
                #      (a finding at a <style> declaration has no element to anchor it).
                cc_elem["bsm_elements"] += sum(n["count"] for n in bn)
                cc_elem["bsm_findings_stylesheet"] += sum(1 for n in bn if n["where"] != "tag")
                colour_of = {}
                by_colour = defaultdict(list)
                for j, n in enumerate(bn):
                    m = re.match(r"(#[0-9a-f]{6}) on (#[0-9a-f]{6})", (n.get("evidence") or "").lower())
                    if m:
                        colour_of[j] = (m.group(1), m.group(2))
                        by_colour[colour_of[j]].append(j)
                anchors = defaultdict(list)
                for j, n in enumerate(bn):
                    if n["where"] == "tag":
                        anchors[(n["tag"], n["index"])].append(j)
                # Each finding covers at most as many axe nodes as the text elements it counts
                # ("→ N text elements"); anchored matches are assigned first, then colour pairs.
                left = {j: n["count"] for j, n in enumerate(bn)}
                covered, used, how, over = set(), set(), {}, []
                keys = []
                for k, n in enumerate(an):
                    cc_elem["axe_nodes"] += 1
                    dat = n.get("data") or {}
                    keys.append(((dat.get("fgColor") or "").lower(), (dat.get("bgColor") or "").lower()))
                    chain = [(n["tag"], n["index"])] + [tuple(x) for x in n["ancestors"]]
                    # The nearest anchored ancestor-or-self whose finding has axe's colours (a
                    # finding with no parsable colours anchors by position alone).
                    hit = next((j for c in chain for j in anchors.get(c, [])
                                if colour_of.get(j, keys[k]) == keys[k] and left[j] > 0), None)
                    if hit is not None:
                        covered.add(k); used.add(hit); how[k] = "anchor"; left[hit] -= 1
                for k, n in enumerate(an):
                    if k in covered:
                        continue
                    cands = by_colour.get(keys[k], [])
                    hit = next((j for j in cands if left[j] > 0), None)
                    if hit is not None:
                        covered.add(k); used.add(hit); how[k] = "colour"; left[hit] -= 1
                    elif cands:
                        over.append(k)
                cc_elem["over_count"] += len(over)
                cc_elem["covered"] += len(covered)
                cc_elem["covered_anchor"] += sum(1 for v in how.values() if v == "anchor")
                cc_elem["covered_colour"] += sum(1 for v in how.values() if v == "colour")
                if an or bn:
                    dis.append({"file": f, "rule": rule, "side": "cc", "axe": an, "bsm": bn,
                                "covered": sorted(covered), "usedBsm": sorted(used), "overCount": over,
                                "axeIncomplete": [n for n in a["incomplete"] if n["rule"] == "color-contrast"]})
                rows[rule]["both"] += len(covered)
                rows[rule]["axe_only"] += len(an) - len(covered)
                rows[rule]["bsm_only"] += len(bn) - len(used)
                continue
            akeys = defaultdict(list)
            for n in an:
                akeys[(n["tag"], n["index"])].append(n)
            bkeys = defaultdict(list)
            for n in bn:
                key = (n["tag"], n["index"]) if n["where"] == "tag" else ("@" + str(n["offset"]), None)
                bkeys[key].append(n)
            for k in set(akeys) | set(bkeys):
                if k in akeys and k in bkeys:
                    rows[rule]["both"] += 1
                elif k in bkeys:
                    rows[rule]["bsm_only"] += 1
                    dis.append({"file": f, "rule": rule, "side": "bsmlint", "key": list(k), "bsm": bkeys[k],
                                "axeIncomplete": [n for n in a["incomplete"] if RULE_MAP[n["rule"]] == rule
                                                  and (n["tag"], n["index"]) == k]})
                else:
                    rows[rule]["axe_only"] += 1
                    dis.append({"file": f, "rule": rule, "side": "axe", "key": list(k), "axe": akeys[k]})
        for rule in BSM_RULES:
            if any(n["rule"] == rule for n in b) or any(RULE_MAP[n["rule"]] == rule for n in a["violations"]):
                rows[rule]["files"] += 1
    return rows, cc_file, cc_elem, dis


def pct(x, y):
    return "—" if y == 0 else f"{100.0 * x / y:.1f}%"


def markdown(rows, cc_file, cc_elem, axe_rules_per_bsm):
    out = ["| bsmlint rule | axe rule(s) | unit | both | bsmlint only | axe only | bsmlint's share of axe's |",
           "|---|---|---|---:|---:|---:|---:|"]
    tb = ta = 0
    for r in BSM_RULES:
        row = rows[r]
        unit = "file" if r in FILE_LEVEL else ("element ¹" if r == "color-contrast" else "element")
        axe_total = row["both"] + row["axe_only"]
        out.append(f"| `{r}` | {', '.join('`%s`' % x for x in axe_rules_per_bsm[r])} | {unit} | {row['both']} | "
                   f"{row['bsm_only']} | {row['axe_only']} | {pct(row['both'], axe_total)} |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--bsmlint", required=True)
    ap.add_argument("--axe-js", required=True)
    ap.add_argument("--chromium", default="/usr/lib/chromium/chromium")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    ap.add_argument("--axe-json", default="axe-results.json", help="axe results (written, or read with --reuse-axe)")
    ap.add_argument("--reuse-axe", action="store_true")
    ap.add_argument("--bsm-json", default=None)
    ap.add_argument("--details", default=None, help="write every disagreement as JSON here")
    args = ap.parse_args()

    files = sorted(os.path.relpath(os.path.join(d, x), args.corpus)
                   for d, _, fs in os.walk(args.corpus) for x in fs
                   if x.lower().endswith((".html", ".htm")))
    if args.reuse_axe:
        axe = json.load(open(args.axe_json))
    else:
        axe = run_axe(files, args.corpus, args.axe_js, args.chromium, args.chromedriver)
        json.dump(axe, open(args.axe_json, "w"), indent=1)
    report, cmd = run_bsmlint(args.bsmlint, args.corpus)
    if args.bsm_json:
        json.dump(report, open(args.bsm_json, "w"), indent=1)
    bsm = bsm_nodes(report, args.corpus)
    rows, cc_file, cc_elem, dis = compare(axe, bsm)
    per = defaultdict(list)
    for a, b in sorted(RULE_MAP.items()):
        per[b].append(a)
    print(f"files: {len(files)}; axe {axe['axeVersion']} in Chromium {axe['browser']} ({axe.get('seconds')} s); bsmlint: {' '.join(cmd)}")
    print()
    print(markdown(rows, cc_file, cc_elem, per))
    both = sum(rows[r]["both"] for r in BSM_RULES)
    axe_total = sum(rows[r]["both"] + rows[r]["axe_only"] for r in BSM_RULES)
    bsm_only = sum(rows[r]["bsm_only"] for r in BSM_RULES)
    print()
    print(f"overall: both {both}, axe total {axe_total}, bsmlint only {bsm_only} -> bsmlint finds {pct(both, axe_total)} of what axe finds")
    nocc_both = sum(rows[r]["both"] for r in BSM_RULES if r != "color-contrast")
    nocc_axe = sum(rows[r]["both"] + rows[r]["axe_only"] for r in BSM_RULES if r != "color-contrast")
    print(f"without color-contrast: {nocc_both}/{nocc_axe} = {pct(nocc_both, nocc_axe)}")
    print(f"color-contrast files: both {cc_file['both']}, bsmlint only {cc_file['bsm_only']}, axe only {cc_file['axe_only']}"
          f" -> {pct(cc_file['both'], cc_file['both'] + cc_file['axe_only'])}")
    print(f"color-contrast elements: axe nodes {cc_elem['axe_nodes']}, covered by a bsmlint finding {cc_elem['covered']}"
          f" ({pct(cc_elem['covered'], cc_elem['axe_nodes'])}: {cc_elem['covered_anchor']} by its element, {cc_elem['covered_colour']} by colour pair; {cc_elem['over_count']} more have a finding with their colours whose element count is used up); bsmlint elements (sum of → N) {cc_elem['bsm_elements']};"
          f" bsmlint findings at a stylesheet declaration {cc_elem['bsm_findings_stylesheet']}")
    print("bsmlint-only findings (element rules: the finding's element; color-contrast: a finding that covers no axe node):")
    for x in dis:
        for n in x.get("bsm", []):
            if x["side"] == "bsmlint" or (x["side"] == "cc" and x["bsm"].index(n) not in x["usedBsm"]):
                print(f"  {x['rule']}: {x['file']}:{n['line']}:{n['column']} <{n['tag'] or n['hiddenKind'] or '?'}> {n['message']}")
    print("axe-only nodes:")
    for x in dis:
        for k, n in enumerate(x.get("axe", [])):
            if x["side"] == "axe" or (x["side"] == "cc" and k not in x["covered"]):
                note = " (a finding has these colours but its element count is used up: the group counts one element fewer; which node is arbitrary)" if k in x.get("overCount", []) else ""
                print(f"  {n['rule']}: {x['file']} <{n['tag']}>#{n['index']} {' '.join(map(str, n['target']))} {n['html'][:80]!r}{note}")
    if args.details:
        json.dump({"rows": rows, "colorContrastFiles": cc_file, "colorContrastElements": cc_elem, "disagreements": dis},
                  open(args.details, "w"), indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
