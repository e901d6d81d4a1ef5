import BSMDocument
import BSMEngine
import BSMReporters
import Foundation
import Testing

@Suite struct SummaryTests {
    static func allResults() throws -> [FileResult] { try Fixtures.lint() + Sample.results }

    @Test func totalsEqualSumsOverFiles() throws {
        let results = try Self.allResults()
        var s = RunSummary()
        for r in results { s.add(r) }
        #expect(s.files == results.count)
        #expect(s.errors == results.reduce(0) { $0 + $1.count(.error) })
        #expect(s.warnings == results.reduce(0) { $0 + $1.count(.warning) })
        #expect(s.infos == results.reduce(0) { $0 + $1.count(.info) })
        #expect(s.inputErrors == results.filter { $0.status == .error }.count)
        #expect(s.skipped == results.filter { $0.status == .skipped }.count)
        #expect(s.filesWithErrors == results.filter { $0.count(.error) > 0 }.count)
        #expect(s.filesWithWarnings == results.filter { $0.count(.warning) > 0 }.count)
        #expect(s.byRule.values.reduce(0) { $0 + $1.errors } == s.errors)
        #expect(s.byRule.values.reduce(0) { $0 + $1.warnings } == s.warnings)
        #expect(s.byRule.values.reduce(0) { $0 + $1.infos } == s.infos)
        for (id, c) in s.byRule {
            #expect(c.files == results.filter { $0.findings.contains { $0.ruleId == id } }.count, "\(id)")
        }
        // The fixtures really exercise the counts.
        #expect(s.errors > 0 && s.warnings > 0 && s.infos > 0 && s.inputErrors == 1 && s.skipped == 1)
        #expect(s.byRule["insecure-image"]?.warnings == 1, "protocol-relative image in http-image.html")
    }

    /// The same check on the rendered JSON: what a dashboard reads adds up.
    @Test func renderedSummaryEqualsSumsOverRenderedFiles() throws {
        let results = try Self.allResults()
        let doc = try #require(try parseJSON(Render.output(.json, results)) as? [String: Any])
        let summary = try #require(doc["summary"] as? [String: Any])
        let files = try #require(doc["files"] as? [[String: Any]])
        let findings = files.flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }
        func count(_ sev: String) -> Int { findings.filter { $0["severity"] as? String == sev }.count }
        #expect(summary["files"] as? Int == files.count)
        #expect(summary["errors"] as? Int == count("error"))
        #expect(summary["warnings"] as? Int == count("warning"))
        #expect(summary["infos"] as? Int == count("info"))
        #expect(summary["inputErrors"] as? Int == files.filter { $0["status"] as? String == "error" }.count)
        #expect(summary["skipped"] as? Int == files.filter { $0["status"] as? String == "skipped" }.count)
        let byRule = try #require(summary["byRule"] as? [String: [String: Int]])
        let ids = Set(findings.compactMap { $0["ruleId"] as? String })
        #expect(Set(byRule.keys) == ids)
        for id in ids {
            let of = findings.filter { $0["ruleId"] as? String == id }
            #expect(byRule[id]?["errors"] == of.filter { $0["severity"] as? String == "error" }.count)
            #expect(byRule[id]?["warnings"] == of.filter { $0["severity"] as? String == "warning" }.count)
        }
        #expect(summary["complete"] as? Bool == true)
    }

    @Test func everyInputErrorHasAnInputErrorFinding() {
        let r = FileResult.inputError(path: "x.html", kind: .html, byteCount: 0, reason: "permission denied")
        #expect(r.status == .error)
        #expect(r.findings.map(\.ruleId) == ["input-error"])
        #expect(r.findings.first?.message == "permission denied")
        #expect(r.findings.first?.range.start.line == 1 && r.findings.first?.range.start.column == 1)
        #expect(r.findings.first?.fingerprint.count == 16)
    }
}
