import BSMEngine

/// `--format junit`: JUnit XML for CI test report views (GitLab, Jenkins, Azure). One
/// `<testsuite>` per file; per finding one `<testcase>` (`rule-id at line:column`) with its
/// `<failure>`, as ESLint's JUnit formatter writes one per message (Jenkins, Azure DevOps and
/// action-junit-report show one failure per test case), and one passing `<testcase>` per rule
/// that ran on the file and found nothing. A file that could not be checked is one
/// `input-error` test case with an `<error>`, a skipped file one `<skipped>` test case. The
/// root's `failures` counts failed test cases (findings), `errors` the input errors and
/// `skipped` the skipped files, so they add up to the JSON summary: `failures + errors ==
/// errors + warnings + infos` of the JSON report.
public struct JUnitReporter: Reporter {
    public static let formatName = "junit"
    let context: ReportContext
    private var suites: [String] = []
    private var tests = 0
    private var failures = 0
    private var errors = 0
    private var skipped = 0

    public init(context: ReportContext = ReportContext()) { self.context = context }

    public mutating func begin(_ run: RunInfo) -> String { "" }


    static func seconds(_ ms: Double) -> String {
        let v = (ms.isFinite ? max(0, ms) : 0) / 1000
        let rounded = (v * 1000).rounded() / 1000
        return String(rounded)
    }

    public mutating func file(_ r: FileResult) -> String {
        let path = context.relativePath(r.path)
        let name = XMLText.escape(path)
        var cases = ""
        var suiteTests = 0, suiteFailures = 0, suiteErrors = 0, suiteSkipped = 0
        switch r.status {
        case .error:
            let why = r.findings.first?.message ?? "could not be checked"
            cases += "    <testcase classname=\"\(name)\" name=\"\(InputErrorRule.id)\" file=\"\(name)\" time=\"0\">\n"
            cases += "      <error type=\"\(InputErrorRule.id)\" message=\"\(XMLText.escape(why))\">\(XMLText.escape(path + ": " + why, attribute: false))</error>\n"
            cases += "    </testcase>\n"
            suiteTests = 1
            suiteErrors = 1
        case .skipped:
            cases += "    <testcase classname=\"\(name)\" name=\"skipped\" file=\"\(name)\" time=\"0\">\n"
            cases += "      <skipped message=\"\(XMLText.escape(r.skipReason ?? "skipped"))\"/>\n"
            cases += "    </testcase>\n"
            suiteTests = 1
            suiteSkipped = 1
        case .checked:
            let notApplicable = Set(r.notApplicable)
            // The rules that ran on this file: as the result says (the linter records them; a
            // merged report reads them from the shards' reports), else as the run's base
            // configuration says (a report written before results carried them).
            var ruleIds = (r.enabledRules ?? context.enabledRuleIds).filter { !notApplicable.contains($0) }
            for f in r.findings where !ruleIds.contains(f.ruleId) { ruleIds.append(f.ruleId) }
            if ruleIds.isEmpty { ruleIds = ["bsmlint"] }
            for id in ruleIds {
                let found = r.findings.filter { $0.ruleId == id }
                suiteTests += 1
                suiteFailures += found.count
                let caseName = XMLText.escape(id)
                if found.isEmpty {
                    cases += "    <testcase classname=\"\(name)\" name=\"\(caseName)\" file=\"\(name)\"/>\n"
                    continue
                }
                suiteTests += found.count - 1
                for f in found {
                    let at = "\(f.range.start.line):\(f.range.start.column)"
                    let loc = "\(path):\(at)"
                    var body = "\(loc) \(f.severity.rawValue) \(f.message) [\(f.ruleId)]"
                    if let e = f.evidence, !e.isEmpty { body += "\n    = \(e)" }
                    if let s = f.snippet, !s.isEmpty { body += "\n\(s)" }
                    cases += "    <testcase classname=\"\(name)\" name=\"\(caseName) at \(at)\" file=\"\(name)\" line=\"\(f.range.start.line)\">\n"
                    cases += "      <failure type=\"\(f.severity.rawValue)\" message=\"\(XMLText.escape(loc + " " + f.message))\">"
                    cases += XMLText.escape(body, attribute: false) + "</failure>\n"
                    cases += "    </testcase>\n"
                }
            }
        }
        tests += suiteTests
        failures += suiteFailures
        errors += suiteErrors
        skipped += suiteSkipped
        var suite = "  <testsuite name=\"\(name)\" tests=\"\(suiteTests)\" failures=\"\(suiteFailures)\" errors=\"\(suiteErrors)\" skipped=\"\(suiteSkipped)\" time=\"\(Self.seconds(r.durationMs))\""
        suite += cases.isEmpty ? "/>\n" : ">\n" + cases + "  </testsuite>\n"
        suites.append(suite)
        return ""
    }

    public mutating func end(_ summary: RunSummary) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"bsmlint\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(Self.seconds(summary.durationMs))\">\n"
        for s in suites { out += s }
        out += "</testsuites>\n"
        suites = []
        return out
    }
}
