import BSMDocument
import BSMEngine
import BSMReporters
import BSMRules
import Foundation
import Testing

/// Which rules ran on each file travels in the JSON/JSONL report (`settings.enabledRules`, and a
/// file's own `enabledRules` when its configuration differs), so a report read back (as `bsmlint
/// merge` does) gives the same JUnit test cases as the run itself (audit G, bug 5).
@Suite struct EnabledRulesTests {
    static let run = RunInfo(referenceWidths: [600], marketplace: "amazon.com", enabledRules: ["insecure-image", "emoji"])

    /// Fixture results, plus one file whose own configuration enabled only insecure-image.
    static func results() throws -> [FileResult] {
        var results = try Fixtures.lint()
        var own = results[3]
        own.path = "Fixtures/reporters/own-config/http-image.html"
        own.enabledRules = ["insecure-image"]
        own.findings = own.findings.filter { $0.ruleId == "insecure-image" }
        results.append(own)
        return results + Sample.results
    }

    @Test func settingsCarryTheListAndFilesOnlyWhenTheirsDiffers() throws {
        let doc = try #require(try parseJSON(Render.output(.json, Self.results(), run: Self.run)) as? [String: Any])
        let settings = try #require(doc["settings"] as? [String: Any])
        #expect(settings["enabledRules"] as? [String] == ["insecure-image", "emoji"])
        let files = try #require(doc["files"] as? [[String: Any]])
        let withList = files.filter { $0["enabledRules"] != nil }.compactMap { $0["path"] as? String }
        #expect(withList == ["Fixtures/reporters/own-config/http-image.html"])
        #expect(files.first { $0["path"] as? String == withList.first }?["enabledRules"] as? [String] == ["insecure-image"])
        // The JSONL summary line carries the same settings.
        let jsonl = Render.output(.jsonl, try Self.results(), run: Self.run)
        let lastLine = try #require(jsonl.split(separator: "\n").last)
        let last = try #require(try parseJSON(String(lastLine)) as? [String: Any])
        #expect((last["settings"] as? [String: Any])?["enabledRules"] as? [String] == ["insecure-image", "emoji"])
    }

    /// JUnit from a report read back equals JUnit from the results themselves (times aside:
    /// reports do not keep per-file durations).
    @Test(arguments: ["json", "jsonl"])
    func junitFromAReadReportListsTheRulesThatRan(_ kind: String) throws {
        let results = try Self.results()
        let report = Render.output(kind == "json" ? .json : .jsonl, results, run: Self.run)
        let read = try ReportReader.read(data: Data(report.utf8), path: "shard.\(kind)")
        #expect(read.run?.enabledRules == ["insecure-image", "emoji"])
        #expect(read.files.map(\.enabledRules) == results.map { $0.status == .checked ? ($0.enabledRules ?? ["insecure-image", "emoji"]) : nil })
        // `check` knows the run's rules; `merge` only knows every rule there is: without the
        // lists, the merged JUnit listed them all as passing test cases.
        let rules = [InsecureImageRule.metadata, EmojiRule.metadata, MarginTooWideRule.metadata]
        let check = ReportContext(rules: rules, enabledRuleIds: Self.run.enabledRules)
        let merge = ReportContext(rules: rules)
        func junit(_ files: [FileResult], _ context: ReportContext) -> String {
            var reporter = JUnitReporter(context: context)
            var summary = RunSummary()
            for f in files {
                summary.add(f)
                _ = reporter.file(f)
            }
            return Render.normalisingDuration(reporter.end(summary))
        }
        let direct = junit(results, check), merged = junit(read.files, merge)
        #expect(direct == merged)
        #expect(merged.contains("<testsuite name=\"Fixtures/reporters/clean.html\" tests=\"2\""))
        // Its own configuration runs insecure-image only, which finds two images: two test cases.
        #expect(merged.contains("<testsuite name=\"Fixtures/reporters/own-config/http-image.html\" tests=\"2\" failures=\"2\""))
        #expect(!merged.contains("name=\"emoji\" file=\"Fixtures/reporters/own-config/http-image.html\""))
    }

    @Test func mergingKeepsEachShardsLists() throws {
        let results = try Self.results()
        let a = try ReportReader.read(data: Data(Render.output(.jsonl, Array(results.prefix(4)), run: Self.run).utf8), path: "a.jsonl")
        let otherRun = RunInfo(referenceWidths: [600], marketplace: "amazon.com", enabledRules: ["emoji"])
        let b = try ReportReader.read(data: Data(Render.output(.json, Array(results.dropFirst(4)), run: otherRun).utf8), path: "b.json")
        let merged = try ReportMerger.merge([a, b])
        #expect(merged.run.enabledRules == ["insecure-image", "emoji"])
        for f in merged.files where f.status == .checked {
            let fromB = results.dropFirst(4).contains { $0.path == f.path }
            let original = try #require(results.first { $0.path == f.path })
            #expect(f.enabledRules == original.enabledRules ?? (fromB ? ["emoji"] : ["insecure-image", "emoji"]), "\(f.path)")
        }
    }
}
