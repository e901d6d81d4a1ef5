import BSMDocument
import BSMEngine

/// `--format text`: `path:line:col severity message [rule-id]`, a code frame with a caret under
/// the span, the evidence, then a summary line — like ESLint and rustc.
public struct TextReporter: Reporter {
    public static let formatName = "text"
    let color: Bool

    public init(color: Bool = false) { self.color = color }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    public mutating func begin(_ run: RunInfo) -> String { "" }

    public mutating func file(_ r: FileResult) -> String {
        guard !r.findings.isEmpty || r.status == .error else { return "" }
        var out = ""
        for f in r.findings {
            let sev: String
            switch f.severity {
            case .error: sev = paint("error", "31")
            case .warning: sev = paint("warning", "33")
            case .info: sev = paint("info", "36")
            }
            let widthNote = f.referenceWidth.map { " (at \(TextReporter.px($0)) px)" } ?? ""
            out += "\(r.path):\(f.range.start.line):\(f.range.start.column) \(sev) \(f.message)\(widthNote) \(paint("[\(f.ruleId)]", "2"))\n"
            if let line = r.sourceLines[f.range.start.line] {
                out += frame(line: line, number: f.range.start.line, range: f.range)
            }
            if let e = f.evidence, !e.isEmpty { out += "    = \(e)\n" }
        }
        return out + "\n"
    }

    func frame(line: String, number: Int, range: SourceRange) -> String {
        // Show at most 120 characters around the start column.
        let chars = Array(line.replacingTabs())
        let startCol = max(0, range.start.column - 1)
        let windowStart = startCol > 60 ? startCol - 40 : 0
        let windowEnd = min(chars.count, windowStart + 120)
        guard windowStart < windowEnd || chars.isEmpty else { return "" }
        let prefix = windowStart > 0 ? "…" : ""
        let suffix = windowEnd < chars.count ? "…" : ""
        let shown = chars.isEmpty ? "" : String(chars[windowStart..<windowEnd])
        let gutter = String(number)
        var spanLen = range.end.line == range.start.line ? max(1, range.end.column - range.start.column) : max(1, windowEnd - startCol)
        spanLen = min(spanLen, max(1, windowEnd - startCol))
        let pad = String(repeating: " ", count: gutter.count)
        let caretPad = String(repeating: " ", count: prefix.count + max(0, startCol - windowStart))
        return "  \(gutter) | \(prefix)\(shown)\(suffix)\n  \(pad) | \(caretPad)\(paint(String(repeating: "^", count: spanLen), "31"))\n"
    }

    public mutating func end(_ s: RunSummary) -> String {
        let problems = s.errors + s.warnings + s.infos
        var line: String
        if problems == 0 {
            line = paint("✔ no problems", "32") + " in \(s.files) file\(s.files == 1 ? "" : "s")"
        } else {
            line = paint("✖ \(problems) problem\(problems == 1 ? "" : "s")", s.errors > 0 ? "31" : "33")
                + " (\(s.errors) error\(s.errors == 1 ? "" : "s"), \(s.warnings) warning\(s.warnings == 1 ? "" : "s")"
                + (s.infos > 0 ? ", \(s.infos) info" : "") + ") in \(s.files) file\(s.files == 1 ? "" : "s")"
        }
        if s.inputErrors > 0 { line += ", \(s.inputErrors) could not be checked" }
        if s.skipped > 0 { line += ", \(s.skipped) skipped" }
        if !s.complete { line += " — interrupted, report incomplete" }
        return line + "\n"
    }

    static func px(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}

extension String {
    func replacingTabs() -> String {
        var out = ""
        for c in self { out.append(c == "\t" ? " " : c) }
        return out
    }
}
