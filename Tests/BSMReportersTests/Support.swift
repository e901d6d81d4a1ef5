import BSMDocument
import BSMEngine
import BSMReporters
import BSMRules
import Foundation
import Testing

/// Paths of the package, found from this file (works from any working directory).
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Fixtures/reporters")
    static let goldens = fixtures.appendingPathComponent("golden")
    static let jsonSchema = root.appendingPathComponent("docs/report.schema.json")
    static let jsonlSchema = root.appendingPathComponent("docs/report-jsonl.schema.json")
}

enum Render {
    /// Runs a reporter over results the way the CLI does: begin, each file in order, end.
    static func output(_ format: ReporterFormat, _ results: [FileResult],
                       run: RunInfo = RunInfo(referenceWidths: [600], marketplace: "amazon.com", enabledRules: ["insecure-image", "emoji"]),
                       durationMs: Double = 0) -> String {
        var reporter = format.make(color: false, context: context)
        var out = reporter.begin(run)
        var summary = RunSummary()
        for r in results {
            summary.add(r)
            out += reporter.file(r)
        }
        summary.durationMs = durationMs
        out += reporter.end(summary)
        return out
    }

    /// The rules the fixtures are linted with, documented as the CLI documents them (paths are
    /// reported as given: no working directory).
    static let context = ReportContext(rules: [InsecureImageRule.metadata, EmojiRule.metadata],
                                       enabledRuleIds: ["insecure-image", "emoji"])

    /// `"durationMs":12.345` → `"durationMs":0` (and JUnit's `time="0.012"` → `time="0"`): the only
    /// fields that differ between runs.
    static func normalisingDuration(_ s: String) -> String {
        s.replacing(try! Regex(#""durationMs":[-0-9.eE+]+"#), with: #""durationMs":0"#)
            .replacing(try! Regex(#" time="[-0-9.eE+]+""#), with: #" time="0""#)
    }
}

/// Golden files in Fixtures/reporters/golden. `BSMLINT_UPDATE_GOLDENS=1 swift test` rewrites them
/// (then review the diff); otherwise a mismatch fails and shows the first differing line.
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["BSMLINT_UPDATE_GOLDENS"] == "1" }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Repo.goldens.appendingPathComponent(name)
        if updating {
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden \(url.path); run with BSMLINT_UPDATE_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0..<min(e.count, a.count)).first(where: { e[$0] != a[$0] }) ?? min(e.count, a.count)
            // Show the lines from the first differing character (JSON goldens are one long line).
            func from(_ lines: [Substring], _ other: [Substring]) -> String {
                guard i < lines.count else { return "<end>" }
                let l = Array(lines[i]), o = i < other.count ? Array(other[i]) : []
                let c = (0..<min(l.count, o.count)).first(where: { l[$0] != o[$0] }) ?? min(l.count, o.count)
                let start = max(0, c - 40)
                return (start > 0 ? "…" : "") + String(l[start..<min(l.count, c + 120)])
            }
            Issue.record("""
                \(name) differs from the golden at line \(i + 1):
                  expected: \(from(e, a))
                  actual:   \(from(a, e))
                """, sourceLocation: sourceLocation)
        }
    }
}

/// A fixed set of results covering every field and status, independent of the rules.
enum Sample {
    static func pos(_ line: Int, _ column: Int, _ offset: Int) -> SourcePosition {
        SourcePosition(line: line, column: column, offset: offset)
    }

    static var results: [FileResult] {
        var http = Finding(ruleId: "insecure-image", severity: .error, message: "Image is loaded over http: Amazon requires https",
                           range: SourceRange(start: pos(4, 9, 61), end: pos(4, 47, 99)),
                           evidence: "src=\"http://cdn.example.com/banner.png\"",
                           snippet: "<img src=\"http://cdn.example.com/banner.png\">", fingerprint: "0123456789abcdef")
        http.referenceWidth = 600
        let wide = Finding(ruleId: "margin-too-wide", severity: .warning, message: "Left inset 150px > 20% of 375px",
                           range: SourceRange(start: pos(6, 1, 120), end: pos(8, 7, 170)),
                           evidence: "padding-left: 25% = 150px", referenceWidth: 375.5, fingerprint: "fedcba9876543210")
        let tricky = Finding(ruleId: "emoji", severity: .info, message: "Emoji \u{1F389} in \"alt\": a\\b\u{2028}c\rd\te\u{1}",
                             range: SourceRange(start: pos(1, 1, 0), end: pos(1, 2, 4)), fingerprint: "00000000000000ff")
        let page = FileResult(path: "templates/review request.html", kind: .html, byteCount: 1834, encoding: "utf-8",
                              status: .checked, findings: [http, wide], notApplicable: ["important-subject"],
                              durationMs: 3.25,
                              sourceLines: [4: "\t<p><img src=\"http://cdn.example.com/banner.png\"></p>",
                                            6: "<div style=\"padding-left:25%\">"],
                              notes: ["3 bytes were not valid UTF-8 and were read as windows-1252"])
        let clean = FileResult(path: "templates/ok.txt", kind: .text, byteCount: 12, encoding: "utf-8", status: .checked,
                               findings: [], durationMs: 0.5)
        let skipped = FileResult(path: "drafts/old.html", kind: .html, byteCount: 0, encoding: nil, status: .skipped,
                                 findings: [], skipReason: "ignored by drafts/** in .bsmlint.yml")
        let missing = FileResult.inputError(path: "missing.html", kind: .html, byteCount: 0, reason: "no such file or directory")
        let odd = FileResult(path: "caf\u{E9}/\"quoted\"\\name.html", kind: .html, byteCount: 4, encoding: "windows-1252",
                             status: .checked, findings: [tricky], sourceLines: [1: "\u{1F389}x"])
        return [page, clean, skipped, missing, odd]
    }
}

/// Real lint results of the files in Fixtures/reporters, with repository-relative paths.
enum Fixtures {
    static let names = ["clean.html", "crlf.html", "emoji.html", "http-image.html", "note.txt", "windows-1252.html"]

    static func lint() throws -> [FileResult] {
        let linter = try Linter(ruleTypes: [InsecureImageRule.self, EmojiRule.self], configuration: Configuration())
        return try names.map { name in
            let url = Repo.fixtures.appendingPathComponent(name)
            let bytes = try FileReader.read(url.path, maxBytes: 1_000_000)
            return linter.check(path: "Fixtures/reporters/\(name)", bytes: bytes)
        }
    }
}

/// Parses JSON with Foundation (an independent reader of what the writer produced).
func parseJSON(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(s.utf8), options: [.fragmentsAllowed])
}

/// A canonical serialisation (sorted keys) for comparing parsed JSON values.
func canonicalJSON(_ value: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
}
