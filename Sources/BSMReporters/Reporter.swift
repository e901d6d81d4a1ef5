import BSMEngine

/// An output format. Reporters are told about the run, each file in input order, then the
/// summary, and return the text to write for each step, so output can stream.
public protocol Reporter {
    /// The `--format` name.
    static var formatName: String { get }
    mutating func begin(_ run: RunInfo) -> String
    mutating func file(_ result: FileResult) -> String
    mutating func end(_ summary: RunSummary) -> String
}

public enum ReporterFormat: String, CaseIterable, Sendable {
    case text
    case json
    case jsonl
    case sarif
    case github
    case junit
    case checkstyle
    case html

    public func make(color: Bool = false, context: ReportContext = ReportContext()) -> any Reporter {
        switch self {
        case .text: return TextReporter(color: color)
        case .json: return JSONReporter()
        case .jsonl: return JSONLReporter()
        case .sarif: return SARIFReporter(context: context)
        case .github: return GitHubReporter(context: context)
        case .junit: return JUnitReporter(context: context)
        case .checkstyle: return CheckstyleReporter(context: context)
        case .html: return HTMLReporter(context: context)
        }
    }
}
