import BSMDocument
import BSMEngine

/// `--format html`: one self-contained page (no network, no external assets; a Content Security
/// Policy forbids any): the summary, a bar chart of findings per rule (inline SVG), a table of
/// files sortable by column (inline script that only reorders rows), and each file's findings
/// with its source line. Every string that comes from a template or a path is HTML-escaped, and
/// the script reads no template data, so a hostile template cannot inject markup or script.
public struct HTMLReporter: ExtrasReporter {
    public static let formatName = "html"
    let context: ReportContext
    private var run: RunInfo?
    private var rows: [String] = []
    private var sections: [String] = []
    private var index = 0

    public init(context: ReportContext = ReportContext()) { self.context = context }

    /// Escapes text for element content and quoted attribute values; control characters are
    /// shown as `\u{…}` (as in the text report).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in TextReporter.visible(s).unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "`": out += "&#96;"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    public mutating func begin(_ run: RunInfo) -> String {
        self.run = run
        return ""
    }

    static func severityClass(_ s: Severity) -> String { s.rawValue }

    /// The source line with the finding's span (same line only) in `<mark>`.
    static func codeLine(_ line: String, range: SourceRange) -> String {
        let scalars = Array(line.unicodeScalars)
        let start = min(max(0, range.start.column - 1), scalars.count)
        var end = range.end.line == range.start.line ? min(max(range.end.column - 1, start), scalars.count) : scalars.count
        if end == start && start < scalars.count { end = start + 1 }
        func text(_ slice: ArraySlice<Unicode.Scalar>) -> String {
            var s = ""
            for u in slice { s.unicodeScalars.append(TextReporter.frameScalar(u)) }
            return escape(s)
        }
        return text(scalars[0..<start]) + "<mark>" + text(scalars[start..<end]) + "</mark>" + text(scalars[end..<scalars.count])
    }

    public mutating func file(_ r: FileResult) -> String {
        index += 1
        let id = "file-\(index)"
        let path = Self.escape(context.relativePath(r.path))
        let e = r.count(.error), w = r.count(.warning), i = r.count(.info)
        rows.append("""
            <tr data-order="\(index)"><td data-v="\(index)">\(index)</td><td data-v="\(path)"><a href="#\(id)">\(path)</a></td>\
            <td data-v="\(r.status.rawValue)" class="status-\(r.status.rawValue)">\(r.status.rawValue)</td>\
            <td data-v="\(e)" class="num">\(e)</td><td data-v="\(w)" class="num">\(w)</td><td data-v="\(i)" class="num">\(i)</td></tr>
            """)
        guard !r.findings.isEmpty || r.status != .checked else { return "" }
        var s = "<section class=\"file\" id=\"\(id)\"><h3>\(path) <span class=\"status-\(r.status.rawValue)\">\(r.status.rawValue)</span></h3>\n"
        if let reason = r.skipReason { s += "<p class=\"reason\">\(Self.escape(reason))</p>\n" }
        for n in r.notes { s += "<p class=\"note\">\(Self.escape(n))</p>\n" }
        if !r.findings.isEmpty {
            s += "<ol class=\"findings\">\n"
            for f in r.findings {
                let loc = "\(f.range.start.line):\(f.range.start.column)"
                s += "<li class=\"\(f.severity.rawValue)\"><span class=\"sev\">\(f.severity.rawValue)</span> "
                s += "<span class=\"loc\">\(loc)</span> \(Self.escape(f.message)) "
                s += "<a class=\"rule\" href=\"\(Self.escape(context.absoluteHelpUri(f.helpUri)))\" rel=\"noreferrer\">\(Self.escape(f.ruleId))</a>"
                if let width = f.referenceWidth { s += " <span class=\"width\">at \(TextReporter.px(width)) px</span>" }
                if let line = r.sourceLines[f.range.start.line] {
                    s += "\n<pre class=\"code\"><span class=\"ln\">\(f.range.start.line)</span>\(Self.codeLine(line, range: f.range))</pre>"
                } else if let snippet = f.snippet, !snippet.isEmpty {
                    s += "\n<pre class=\"code\">\(Self.escape(snippet))</pre>"
                }
                if let ev = f.evidence, !ev.isEmpty { s += "\n<div class=\"evidence\">= \(Self.escape(ev))</div>" }
                s += "</li>\n"
            }
            s += "</ol>\n"
        }
        s += "</section>\n"
        sections.append(s)
        return ""
    }

    public mutating func end(_ summary: RunSummary) -> String { end(summary, extras: RunExtras()) }

    public mutating func end(_ summary: RunSummary, extras: RunExtras) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="generator" content="bsmlint">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>bsmlint report</title>
        <style>
        body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d1d1f;background:#fff}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:15px;margin:0 0 8px}
        .meta{color:#555}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
        .card{border:1px solid #ddd;border-radius:8px;padding:10px 16px;min-width:90px}
        .card b{display:block;font-size:22px}.card.error b{color:#c62828}.card.warning b{color:#b26a00}.card.info b{color:#1565c0}
        table{border-collapse:collapse;width:100%;max-width:1100px}th,td{border-bottom:1px solid #eee;padding:4px 8px;text-align:left}
        th{cursor:pointer;user-select:none;background:#f6f6f6}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
        td.num,th[data-type=num]{text-align:right;font-variant-numeric:tabular-nums}.status-error{color:#c62828}.status-skipped{color:#777}
        section.file{border:1px solid #e3e3e3;border-radius:8px;padding:12px 16px;margin:12px 0;max-width:1100px}
        ol.findings{padding-left:20px;margin:0}ol.findings li{margin:8px 0}
        .sev{font-weight:600;text-transform:uppercase;font-size:11px;padding:1px 6px;border-radius:4px;color:#fff}
        li.error .sev{background:#c62828}li.warning .sev{background:#b26a00}li.info .sev{background:#1565c0}
        .loc{font-family:ui-monospace,Menlo,Consolas,monospace;color:#555}.rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
        pre.code{background:#f7f7f9;border:1px solid #eee;border-radius:6px;padding:6px 8px;overflow-x:auto;margin:6px 0 0;white-space:pre}
        pre.code .ln{color:#999;display:inline-block;min-width:3em;user-select:none}pre.code mark{background:#ffe08a}
        .evidence{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#444;margin-top:4px;overflow-wrap:anywhere}
        .reason,.note{color:#555;margin:0 0 6px}svg text{font:12px system-ui,sans-serif}
        </style>
        </head>
        <body>
        <h1>bsmlint report</h1>

        """
        var meta = "\(Self.escape(BSMLintVersion.name)) \(Self.escape(BSMLintVersion.current)) · policy \(Self.escape(BSMLintVersion.policy))"
        if let run {
            meta += " · widths \(run.referenceWidths.map { TextReporter.px($0) }.joined(separator: ", ")) px · \(Self.escape(run.marketplace))"
        }
        out += "<p class=\"meta\">\(meta)</p>\n"
        if !summary.complete { out += "<p class=\"status-error\"><b>Interrupted: this report is incomplete.</b></p>\n" }
        out += "<div class=\"cards\" id=\"summary\">"
        out += "<div class=\"card\"><b>\(summary.files)</b>files</div>"
        out += "<div class=\"card error\"><b>\(summary.errors)</b>errors</div>"
        out += "<div class=\"card warning\"><b>\(summary.warnings)</b>warnings</div>"
        out += "<div class=\"card info\"><b>\(summary.infos)</b>infos</div>"
        out += "<div class=\"card\"><b>\(summary.inputErrors)</b>not checked</div>"
        out += "<div class=\"card\"><b>\(summary.skipped)</b>skipped</div>"
        if let n = extras.baselineSuppressed { out += "<div class=\"card\"><b>\(n)</b>in baseline</div>" }
        out += "</div>\n"
        out += "<h2>Findings per rule</h2>\n" + Self.chart(summary)
        out += """
        <h2>Files</h2>
        <table id="files"><thead><tr><th data-type="num">#</th><th>File</th><th>Status</th><th data-type="num">Errors</th><th data-type="num">Warnings</th><th data-type="num">Infos</th></tr></thead>
        <tbody>

        """
        for r in rows { out += r + "\n" }
        out += "</tbody></table>\n<h2>Findings</h2>\n"
        if sections.isEmpty { out += "<p>No findings.</p>\n" }
        for s in sections { out += s }
        out += """
        <script>
        (function(){var t=document.getElementById("files");if(!t)return;var hs=t.tHead.rows[0].cells;
        for(var i=0;i<hs.length;i++){(function(i){hs[i].addEventListener("click",function(){
        var h=hs[i],asc=h.getAttribute("aria-sort")!=="ascending",num=h.getAttribute("data-type")==="num";
        for(var k=0;k<hs.length;k++)hs[k].removeAttribute("aria-sort");h.setAttribute("aria-sort",asc?"ascending":"descending");
        var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows);rs.sort(function(x,y){
        var a=x.cells[i].getAttribute("data-v"),c=y.cells[i].getAttribute("data-v");
        var d=num?(Number(a)-Number(c)):(a<c?-1:a>c?1:0);if(d===0)d=Number(x.getAttribute("data-order"))-Number(y.getAttribute("data-order"));
        return asc?d:-d;});rs.forEach(function(r){b.appendChild(r);});});})(i);}})();
        </script>
        </body>
        </html>

        """
        rows = []
        sections = []
        return out
    }

    /// Horizontal stacked bars (errors, warnings, infos) per rule, most findings first.
    static func chart(_ s: RunSummary) -> String {
        let rules = s.byRule.sorted { a, b in
            let x = a.value.errors + a.value.warnings + a.value.infos, y = b.value.errors + b.value.warnings + b.value.infos
            return x != y ? x > y : a.key < b.key
        }
        guard !rules.isEmpty else { return "<p>No findings.</p>\n" }
        let maxCount = max(1, rules.map { $0.value.errors + $0.value.warnings + $0.value.infos }.max() ?? 1)
        let labelWidth = 220, barWidth = 420, rowHeight = 22
        let height = rules.count * rowHeight + 4
        var out = "<svg id=\"chart\" role=\"img\" aria-label=\"Findings per rule\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (n, (id, c)) in rules.enumerated() {
            let y = n * rowHeight + 2
            let total = c.errors + c.warnings + c.infos
            out += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(id))</text>"
            var x = labelWidth
            for (count, color, what) in [(c.errors, "#c62828", "errors"), (c.warnings, "#e59400", "warnings"), (c.infos, "#1e88e5", "infos")] where count > 0 {
                let w = max(2, count * barWidth / maxCount)
                out += "<rect x=\"\(x)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"16\" fill=\"\(color)\"><title>\(escape(id)): \(count) \(what)</title></rect>"
                x += w
            }
            out += "<text x=\"\(x + 6)\" y=\"\(y + 15)\">\(total)</text>\n"
        }
        return out + "</svg>\n"
    }
}
