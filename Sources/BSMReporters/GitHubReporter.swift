import BSMEngine

/// `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as
/// annotations on the pull request: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
/// (warnings as `::warning`, infos as `::notice`), then the text summary line. Streams per file.
public struct GitHubReporter: ExtrasReporter {
    public static let formatName = "github"
    let context: ReportContext

    public init(context: ReportContext = ReportContext()) { self.context = context }

    public mutating func begin(_ run: RunInfo) -> String { "" }

    static func command(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    /// Message data: `%`, CR and LF escaped (GitHub's `escapeData`).
    public static func escapeData(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Property values: as data, plus `:` and `,` (GitHub's `escapeProperty`).
    public static func escapeProperty(_ s: String) -> String {
        var out = ""
        for u in escapeData(s).unicodeScalars {
            switch u {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    public mutating func file(_ r: FileResult) -> String {
        var out = ""
        let path = context.relativePath(r.path)
        for f in r.findings {
            let s = f.range.start, e = f.range.end
            var props = "file=\(Self.escapeProperty(path)),line=\(max(1, s.line)),col=\(max(1, s.column))"
            if f.ruleId != InputErrorRule.id {
                props += ",endLine=\(max(s.line, e.line)),endColumn=\(max(1, e.column))"
            }
            props += ",title=\(Self.escapeProperty("bsmlint \(f.ruleId)"))"
            var message = f.message
            if let ev = f.evidence, !ev.isEmpty { message += "\n" + ev }
            out += "::\(Self.command(f.severity)) \(props)::\(Self.escapeData(message))\n"
        }
        return out
    }

    public mutating func end(_ summary: RunSummary) -> String { end(summary, extras: RunExtras()) }

    public mutating func end(_ summary: RunSummary, extras: RunExtras) -> String {
        var text = TextReporter(color: false)
        var line = text.end(summary)
        if let n = extras.baselineSuppressed, n > 0 {
            line = String(line.dropLast()) + " (\(n) more in the baseline)\n"
        }
        // A plain line in the log; a line starting with "::" would be read as a command.
        return line.hasPrefix("::") ? " " + line : line
    }
}
