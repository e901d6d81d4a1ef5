import BSMDocument
import BSMEngine
import BSMReporters
import Foundation
import Testing

@Suite struct GoldenTests {
    @Test(arguments: ReporterFormat.allCases)
    func fixedResults(_ format: ReporterFormat) throws {
        let out = Render.output(format, Sample.results, run: RunInfo(referenceWidths: [600, 375.5], marketplace: "amazon.de"),
                                durationMs: 12.3456)
        try Golden.check(Render.normalisingDuration(out), "sample-\(format.rawValue).golden")
    }

    @Test(arguments: ReporterFormat.allCases)
    func realLintResultsOfFixtures(_ format: ReporterFormat) throws {
        let results = try Fixtures.lint()
        // Linting real files takes time: the per-file and total durations never reach the output.
        let out = Render.output(format, results, durationMs: 98.7)
        try Golden.check(Render.normalisingDuration(out), "fixtures-\(format.rawValue).golden")
    }

    @Test func durationIsTheOnlyNormalisedField() {
        let a = Render.output(.json, Sample.results, durationMs: 1.5)
        let b = Render.output(.json, Sample.results, durationMs: 2000.25)
        #expect(a != b)
        #expect(a.contains(#""durationMs":1.5"#))
        #expect(b.contains(#""durationMs":2000.25"#))
        #expect(Render.normalisingDuration(a) == Render.normalisingDuration(b))
    }

    @Test func jsonStartsWithTheHeaderInContractOrder() throws {
        let out = Render.output(.json, Sample.results)
        let keys = ["\"schemaVersion\":1", "\"tool\":", "\"policy\":", "\"settings\":", "\"summary\":", "\"files\":"]
        var last = out.startIndex
        for k in keys {
            let r = try #require(out.range(of: k, range: last..<out.endIndex), "\(k) missing or out of order")
            last = r.upperBound
        }
        #expect(out.hasSuffix("}\n"))
        #expect(out.filter { $0 == "\n" }.count == 1, "one document on one line")
    }

    @Test func jsonlHasOneLinePerFileThenTheSummary() throws {
        let results = Sample.results
        let out = Render.output(.jsonl, results)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "ends with a newline")
        let objects = try lines.dropLast().map { try #require(try parseJSON(String($0)) as? [String: Any]) }
        #expect(objects.count == results.count + 1)
        for (o, r) in zip(objects, results) { #expect(o["path"] as? String == r.path) }
        let last = try #require(objects.last)
        #expect(last["summary"] is [String: Any])
        #expect(last["path"] == nil)
    }

    @Test func jsonlFileLineIsTheSameObjectAsInTheJSONDocument() throws {
        let results = try Fixtures.lint() + Sample.results
        let doc = try #require(try parseJSON(Render.output(.json, results)) as? [String: Any])
        let files = try #require(doc["files"] as? [Any])
        let lines = Render.output(.jsonl, results).split(separator: "\n")
        #expect(files.count == results.count)
        for (i, f) in files.enumerated() {
            let line = try parseJSON(String(lines[i]))
            #expect(try canonicalJSON(f) == canonicalJSON(line), "file \(i)")
        }
        let summaryLine = try #require(try parseJSON(String(lines[results.count])) as? [String: Any])
        #expect(try canonicalJSON(try #require(doc["summary"])) == canonicalJSON(try #require(summaryLine["summary"])))
    }

    @Test func textReporterLines() {
        let out = Render.output(.text, Sample.results)
        // path:line:col severity message [rule]
        #expect(out.contains("templates/review request.html:4:9 error Image is loaded over http: Amazon requires https (at 600 px) [insecure-image]\n"))
        #expect(out.contains("(at 375.5 px) [margin-too-wide]"))
        // Code frame with the tab shown as a space and a caret under the span (38 columns).
        #expect(out.contains("  4 |  <p><img src=\"http://cdn.example.com/banner.png\"></p>\n    |         " + String(repeating: "^", count: 38) + "\n"))
        #expect(out.contains("    = src=\"http://cdn.example.com/banner.png\"\n"))
        #expect(out.contains("missing.html:1:1 error no such file or directory [input-error]"))
        #expect(!out.contains("templates/ok.txt"), "files without findings print nothing")
        #expect(out.hasSuffix("✖ 4 problems (2 errors, 1 warning, 1 info) in 5 files, 1 could not be checked, 1 skipped\n"))
        #expect(!out.contains("\u{1B}["), "no colour when disabled")
    }

    @Test func textSummaryWhenClean() {
        let clean = FileResult(path: "a.html", kind: .html, byteCount: 1, encoding: "utf-8", status: .checked, findings: [])
        #expect(Render.output(.text, [clean]) == "✔ no problems in 1 file\n")
        var reporter = TextReporter(color: true)
        var s = RunSummary()
        s.add(clean)
        s.complete = false
        let line = reporter.end(s)
        #expect(line.contains("\u{1B}[32m✔ no problems\u{1B}[0m"))
        #expect(line.hasSuffix(" — interrupted, report incomplete\n"))
    }
}
