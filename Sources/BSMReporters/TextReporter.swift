import BSMDocument
import BSMEngine

/// `--format text`: `path:line:col severity message [rule-id]`, a code frame with a caret under
/// the span, the evidence, the file's notes (`path: note: …`), then a summary line — like ESLint
/// and rustc.
public struct TextReporter: Reporter {
    public static let formatName = "text"
    let color: Bool

    public init(color: Bool = false) { self.color = color }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    public mutating func begin(_ run: RunInfo) -> String { "" }

    public mutating func file(_ r: FileResult) -> String {
        guard !r.findings.isEmpty || r.status == .error || !r.notes.isEmpty else { return "" }
        var out = ""
        for f in r.findings {
            let sev: String
            switch f.severity {
            case .error: sev = paint("error", "31")
            case .warning: sev = paint("warning", "33")
            case .info: sev = paint("info", "36")
            }
            let widthNote = f.referenceWidth.map { " (at \(TextReporter.px($0)) px)" } ?? ""
            out += "\(TextReporter.visible(r.path)):\(f.range.start.line):\(f.range.start.column) \(sev) \(TextReporter.visible(f.message))\(widthNote) \(paint("[\(f.ruleId)]", "2"))\n"
            if let line = r.sourceLines[f.range.start.line] {
                out += frame(line: line, number: f.range.start.line, range: f.range)
            }
            if let e = f.evidence, !e.isEmpty { out += "    = \(TextReporter.visible(e))\n" }
        }
        // How the file was read, when it matters (a fallback decoding, a MIME problem): the
        // JSON report's `notes`, shown here too so that a text-only run does not hide them.
        for n in r.notes {
            out += "\(TextReporter.visible(r.path)): \(paint("note", "36")): \(TextReporter.visible(n))\n"
        }
        return out + "\n"
    }

    func frame(line: String, number: Int, range: SourceRange) -> String {
        // Columns count Unicode scalars (REPORT.md); the caret is placed by display cells
        // (wide emoji/CJK take 2, combining marks and joiners 0). Show at most 120 scalars.
        let scalars = Array(line.unicodeScalars)
        let startCol = max(0, range.start.column - 1)
        let windowStart = startCol > 60 ? startCol - 40 : 0
        let windowEnd = min(scalars.count, windowStart + 120)
        guard windowStart < windowEnd || scalars.isEmpty else { return "" }
        let prefix = windowStart > 0 ? "…" : ""
        let suffix = windowEnd < scalars.count ? "…" : ""
        let shownScalars = scalars.isEmpty ? [] : Array(scalars[windowStart..<windowEnd])
        var shown = ""
        for u in shownScalars { shown.unicodeScalars.append(TextReporter.frameScalar(u)) }
        let gutter = String(number)
        let caretStart = min(max(0, startCol - windowStart), shownScalars.count)
        let spanEnd = range.end.line == range.start.line ? min(max(range.end.column - 1, startCol), windowEnd) : windowEnd
        let spanScalars = shownScalars[caretStart..<min(max(caretStart, spanEnd - windowStart), shownScalars.count)]
        let padCells = prefix.count + TextReporter.cells(shownScalars[0..<caretStart])
        let spanCells = max(1, TextReporter.cells(shownScalars[0..<spanScalars.endIndex]) - TextReporter.cells(shownScalars[0..<caretStart]))
        let pad = String(repeating: " ", count: gutter.count)
        let caretPad = String(repeating: " ", count: padCells)
        return "  \(gutter) | \(prefix)\(shown)\(suffix)\n  \(pad) | \(caretPad)\(paint(String(repeating: "^", count: spanCells), "31"))\n"
    }

    /// A scalar as shown in a code frame: tab as a space, other control characters (which
    /// could move the cursor or inject terminal escapes) as U+FFFD, one cell each.
    static func frameScalar(_ u: Unicode.Scalar) -> Unicode.Scalar {
        if u == "\t" { return " " }
        return isControl(u) ? "\u{FFFD}" : u
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }

    /// Terminal cells a scalar takes: 0 for combining marks, joiners and variation selectors,
    /// 2 for wide (emoji presentation, CJK), else 1.
    static func cells(_ u: Unicode.Scalar) -> Int {
        let p = u.properties
        switch p.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0xFE00...0xFE0F).contains(u.value) { return 0 }
        if p.isEmojiPresentation { return 2 }
        let v = u.value
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// Cells of a run of scalars: a scalar joined by U+200D and the second regional indicator
    /// of a flag add nothing (the sequence renders as one wide glyph).
    static func cells(_ run: ArraySlice<Unicode.Scalar>) -> Int {
        var total = 0
        var previous: Unicode.Scalar?
        var pendingFlag = false
        for u in run {
            let isRI = (0x1F1E6...0x1F1FF).contains(u.value)
            if previous == "\u{200D}" {
                // joined to the previous emoji
            } else if isRI && pendingFlag {
                pendingFlag = false
            } else {
                total += cells(u)
                pendingFlag = isRI
            }
            if !isRI { pendingFlag = false }
            previous = u
        }
        return total
    }

    /// Text from the template (messages, evidence, paths) on one line with control characters
    /// made visible, so a template cannot move the cursor or send escape sequences.
    static func visible(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\t": out += " "
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if isControl(u) {
                    let h = String(u.value, radix: 16, uppercase: true)
                    out += "\\u{" + h + "}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
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

    static func px(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
}
