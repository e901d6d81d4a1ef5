import BSMEngine

/// `--format checkstyle`: Checkstyle XML, read by Jenkins (Warnings NG), reviewdog, SonarQube and
/// others: `<checkstyle><file name="…"><error line column severity message source="bsmlint.ID"/>`.
/// Every input is a `<file>`; an input error is an `error` from `bsmlint.input-error`. Streams.
public struct CheckstyleReporter: Reporter {
    public static let formatName = "checkstyle"
    let context: ReportContext

    public init(context: ReportContext = ReportContext()) { self.context = context }

    public mutating func begin(_ run: RunInfo) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
    }

    public mutating func file(_ r: FileResult) -> String {
        let name = XMLText.escape(context.relativePath(r.path))
        guard !r.findings.isEmpty else { return "  <file name=\"\(name)\"/>\n" }
        var out = "  <file name=\"\(name)\">\n"
        for f in r.findings {
            out += "    <error line=\"\(max(1, f.range.start.line))\" column=\"\(max(1, f.range.start.column))\" severity=\"\(f.severity.rawValue)\""
            out += " message=\"\(XMLText.escape(f.message))\" source=\"\(XMLText.escape("bsmlint.\(f.ruleId)"))\"/>\n"
        }
        return out + "  </file>\n"
    }

    public mutating func end(_ summary: RunSummary) -> String { "</checkstyle>\n" }
}
