import BSMDocument
import BSMEngine
import BSMReporters
import BSMRules
import Foundation
import Testing

/// Runs `xmllint --noout` (libxml2) on a document: nil when well-formed, else its complaint.
enum XMLLint {
    static let path: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static func problems(_ xml: String) throws -> String? {
        let exe = try #require(path, "xmllint not found (apt-get install libxml2-utils)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("report.xml")
        try Data(xml.utf8).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["--noout", file.path]
        let pipe = Pipe()
        p.standardError = pipe
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? nil : String(decoding: out, as: UTF8.self)
    }

    /// XPath query with `xmllint --xpath`; returns stdout.
    static func xpath(_ xml: String, _ expr: String) throws -> String {
        let exe = try #require(path)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("report.xml")
        try Data(xml.utf8).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["--xpath", expr, file.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: out, as: UTF8.self)
    }
}

/// SARIF's official schema (Draft 4 syntax, checked with jsonschema's Draft 7 validator, which
/// reads it the same way for the keywords it uses).
enum SARIFSchema {
    static let url: URL = {
        let shared = URL(fileURLWithPath: "/work/shared/schemas/sarif-schema-2.1.0.json")
        if let env = ProcessInfo.processInfo.environment["BSMLINT_SARIF_SCHEMA"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return shared
    }()

    static var available: Bool { FileManager.default.fileExists(atPath: url.path) && SchemaValidator.unavailableReason == nil }

    static let script = #"""
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema)
doc = json.load(open(sys.argv[2], encoding="utf-8"))
bad = 0
for e in v.iter_errors(doc):
    bad += 1
    print(f"{e.json_path}: {e.message[:300]}")
print(f"validated 1 document(s), {bad} error(s)")
sys.exit(1 if bad else 0)
"""#

    static func validate(_ text: String) throws -> SchemaValidator.Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("report.sarif")
        try Data(text.utf8).write(to: data)
        return try SchemaValidator.run(["-c", script, url.path, data.path])
    }
}

@Suite(.enabled(if: SARIFSchema.available, "needs python3 jsonschema and the SARIF 2.1.0 schema (BSMLINT_SARIF_SCHEMA)"))
struct SARIFSchemaTests {
    @Test func realLintOfFixturesMatchesTheSARIFSchema() throws {
        let results = try Fixtures.lint() + Sample.results
        let r = try SARIFSchema.validate(Render.output(.sarif, results, durationMs: 4.5))
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("validated 1 document(s), 0 error(s)"))
    }

    @Test func everyBuiltinRuleDescriptorAndAWorkingDirectoryMatch() throws {
        let context = ReportContext(rules: BuiltinRules.all.map { $0.metadata }, workingDirectory: "/work/repo dir")
        var reporter = ReporterFormat.sarif.make(context: context)
        var out = reporter.begin(RunInfo(referenceWidths: [600], marketplace: "amazon.com"))
        for r in try Fixtures.lint() { out += reporter.file(r) }
        out += reporter.end(RunSummary())
        let r = try SARIFSchema.validate(out)
        #expect(r.status == 0, "\(r.output)")
        #expect(out.contains(#""originalUriBaseIds":{"%SRCROOT%":{"uri":"file:///work/repo%20dir/"}}"#))
    }

    @Test func emptyRunMatches() throws {
        let r = try SARIFSchema.validate(Render.output(.sarif, []))
        #expect(r.status == 0, "\(r.output)")
    }

    @Test func schemaRejectsAZeroColumn() throws {
        let good = Render.output(.sarif, Sample.results)
        let bad = good.replacingOccurrences(of: #""startColumn":9"#, with: #""startColumn":0"#)
        #expect(bad != good)
        let r = try SARIFSchema.validate(bad)
        #expect(r.status == 1, "a 0 column must be rejected: \(r.output)")
    }
}

@Suite struct SARIFTests {
    func document(_ results: [FileResult], context: ReportContext = Render.context) throws -> [String: Any] {
        var reporter = ReporterFormat.sarif.make(context: context)
        var out = reporter.begin(RunInfo(referenceWidths: [600], marketplace: "amazon.com"))
        var s = RunSummary()
        for r in results { s.add(r); out += reporter.file(r) }
        out += reporter.end(s)
        return try #require(try parseJSON(out) as? [String: Any])
    }

    @Test func resultsPointIntoTheRulesArray() throws {
        let doc = try document(try Fixtures.lint() + Sample.results)
        #expect(doc["version"] as? String == "2.1.0")
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "bsmlint")
        #expect(driver["version"] as? String == BSMLintVersion.current)
        #expect((driver["informationUri"] as? String)?.hasPrefix("https://") == true)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 11)
        for r in results {
            let i = try #require(r["ruleIndex"] as? Int)
            #expect(rules[i]["id"] as? String == r["ruleId"] as? String)
            let region = try #require(((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1 && (region["startColumn"] as? Int ?? 0) >= 1)
            #expect((r["partialFingerprints"] as? [String: String])?["bsmlintFingerprint/v1"]?.count == 16)
        }
        let insecure = try #require(rules.first { $0["id"] as? String == "insecure-image" })
        #expect((insecure["shortDescription"] as? [String: Any])?["text"] as? String == InsecureImageRule.metadata.summary)
        #expect(((insecure["help"] as? [String: Any])?["markdown"] as? String)?.contains("**How to fix:**") == true)
        #expect(insecure["helpUri"] as? String == ReportContext.defaultDocumentationBase + "docs/rules/insecure-image.md")
        #expect((insecure["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        // The emoji info in the sample is a note; the missing file is an input-error result and a notification.
        #expect(results.contains { $0["ruleId"] as? String == "emoji" && $0["level"] as? String == "note" })
        #expect(results.contains { $0["ruleId"] as? String == "input-error" && $0["level"] as? String == "error" })
        let notes = try #require((run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.map { $0["level"] as? String } == ["note", "error"])
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
    }

    @Test func locationsAreRelativeToTheWorkingDirectoryAndPercentEncoded() throws {
        let f = Finding(ruleId: "emoji", severity: .error, message: "m",
                        range: SourceRange(start: SourcePosition(line: 2, column: 3, offset: 10), end: SourcePosition(line: 2, column: 4, offset: 14)),
                        snippet: "x", fingerprint: "00000000000000aa")
        let inside = FileResult(path: "/repo/t/caf\u{E9} 1.html", kind: .html, byteCount: 20, encoding: "utf-8", status: .checked, findings: [f])
        let relative = FileResult(path: "./t/../u/a#b.html", kind: .html, byteCount: 20, encoding: "utf-8", status: .checked, findings: [f])
        let outside = FileResult(path: "/tmp/x.html", kind: .html, byteCount: 20, encoding: "utf-8", status: .checked, findings: [f])
        let doc = try document([inside, relative, outside], context: ReportContext(rules: [EmojiRule.metadata], workingDirectory: "/repo"))
        let results = try #require((doc["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let locations = results.compactMap { (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: String] }
        #expect(locations == [["uri": "t/caf%C3%A9%201.html", "uriBaseId": "%SRCROOT%"],
                              ["uri": "u/a%23b.html", "uriBaseId": "%SRCROOT%"],
                              ["uri": "file:///tmp/x.html"]])
    }
}

@Suite struct GitHubFormatTests {
    @Test func escapingFollowsGitHubRules() {
        #expect(GitHubReporter.escapeData("50%\r\nnext: a,b") == "50%25%0D%0Anext: a,b")
        #expect(GitHubReporter.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
    }

    @Test func oneCommandPerFindingWithTheRightLevel() {
        let out = Render.output(.github, Sample.results)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines[0] == "::error file=templates/review request.html,line=4,col=9,endLine=4,endColumn=47,title=bsmlint insecure-image::Image is loaded over http: Amazon requires https%0Asrc=\"http://cdn.example.com/banner.png\"")
        #expect(lines[1].hasPrefix("::warning file=templates/review request.html,line=6,col=1,endLine=8,endColumn=7,title=bsmlint margin-too-wide::"))
        #expect(lines[2] == "::error file=missing.html,line=1,col=1,title=bsmlint input-error::no such file or directory")
        // The info finding in a file whose name has a quote and a backslash; the message has CR.
        #expect(lines[3].hasPrefix("::notice file=caf\u{E9}/\"quoted\"\\name.html,line=1,col=1,endLine=1,endColumn=2,title=bsmlint emoji::Emoji \u{1F389} in \"alt\": a\\b\u{2028}c%0Dd"))
        #expect(lines.count == 5, "four commands and the summary line")
        #expect(lines[4] == "✖ 4 problems (2 errors, 1 warning, 1 info) in 5 files, 1 could not be checked, 1 skipped")
        // Nothing a template says can start a new command: every line is a command or the summary.
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") })
    }

    @Test func aHostileMessageCannotStartACommand() {
        let f = Finding(ruleId: "emoji", severity: .warning, message: "x\n::error file=evil::pwned\r\n",
                        range: SourceRange(start: SourcePosition(line: 1, column: 1, offset: 0), end: SourcePosition(line: 1, column: 2, offset: 1)),
                        fingerprint: "00000000000000aa")
        let r = FileResult(path: "a,b:c.html", kind: .html, byteCount: 1, encoding: "utf-8", status: .checked, findings: [f])
        let out = Render.output(.github, [r])
        let lines = out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == "::warning file=a%2Cb%3Ac.html,line=1,col=1,endLine=1,endColumn=2,title=bsmlint emoji::x%0A::error file=evil::pwned%0D%0A")
    }
}

@Suite(.enabled(if: XMLLint.path != nil, "needs xmllint (libxml2-utils)"))
struct XMLFormatTests {
    @Test(arguments: [ReporterFormat.junit, .checkstyle])
    func wellFormedOnFixturesAndTrickySamples(_ format: ReporterFormat) throws {
        let results = try Fixtures.lint() + Sample.results
        let out = Render.output(format, results)
        #expect(try XMLLint.problems(out) == nil)
        // The control character U+0001 in the sample cannot be carried by XML 1.0.
        #expect(!out.contains("\u{1}"))
        #expect(out.contains("caf\u{E9}/&quot;quoted&quot;\\name.html"))
    }

    @Test func emptyRunsAreWellFormed() throws {
        #expect(try XMLLint.problems(Render.output(.junit, [])) == nil)
        #expect(try XMLLint.problems(Render.output(.checkstyle, [])) == nil)
    }

    /// One test case per finding (with its failure), one passing test case per rule that found
    /// nothing, as ESLint's JUnit formatter (CI views show one failure per test case).
    @Test func junitHasASuitePerFileACasePerFindingAndAPassingCasePerCleanRule() throws {
        let results = try Fixtures.lint()
        let out = Render.output(.junit, results)
        #expect(try XMLLint.xpath(out, "count(//testsuite)") == "\(results.count)\n")
        // Two rules ran on each file, minus those not applicable to it (insecure-image on note.txt).
        let cases = results.reduce(0) { sum, r in
            let ran = 2 - r.notApplicable.count
            return sum + ran - Set(r.findings.map(\.ruleId)).count + r.findings.count
        }
        #expect(try XMLLint.xpath(out, "count(//testcase)") == "\(cases)\n")
        let findings = results.reduce(0) { $0 + $1.findings.count }
        #expect(findings > results.count, "some file has several findings")
        #expect(try XMLLint.xpath(out, "count(//failure)") == "\(findings)\n")
        #expect(try XMLLint.xpath(out, "count(//testcase[count(failure) > 1])") == "0\n")
        #expect(try XMLLint.xpath(out, "string(/testsuites/@failures)") == "\(findings)\n")
        #expect(try XMLLint.xpath(out, "string(//testsuite[@name='Fixtures/reporters/http-image.html']/testcase[starts-with(@name, 'insecure-image at ')][2]/failure/@type)") == "warning\n")
    }

    @Test func junitInputErrorsAreErrorsAndSkippedFilesSkipped() throws {
        let out = Render.output(.junit, Sample.results)
        #expect(try XMLLint.xpath(out, "string(//testsuite[@name='missing.html']/testcase/error/@message)") == "no such file or directory\n")
        #expect(try XMLLint.xpath(out, "string(//testsuite[@name='drafts/old.html']/testcase/skipped/@message)") == "ignored by drafts/** in .bsmlint.yml\n")
        #expect(try XMLLint.xpath(out, "string(/testsuites/@errors)") == "1\n")
        #expect(try XMLLint.xpath(out, "string(/testsuites/@skipped)") == "1\n")
    }

    @Test func checkstyleErrorsCarryTheRuleAsSource() throws {
        let out = Render.output(.checkstyle, Sample.results)
        #expect(try XMLLint.xpath(out, "count(/checkstyle/file)") == "5\n")
        #expect(try XMLLint.xpath(out, "string(//file[@name='templates/review request.html']/error[1]/@source)") == "bsmlint.insecure-image\n")
        #expect(try XMLLint.xpath(out, "string(//file[@name='templates/review request.html']/error[2]/@severity)") == "warning\n")
        #expect(try XMLLint.xpath(out, "string(//file[@name='missing.html']/error/@source)") == "bsmlint.input-error\n")
        // The message keeps its quote, backslash, CR and tab (as character references).
        #expect(out.contains("message=\"Emoji \u{1F389} in &quot;alt&quot;: a\\b\u{2028}c&#13;d&#9;e\u{FFFD}\""))
    }
}

/// What a dashboard reads from any of the formats adds up to the same numbers.
@Suite(.enabled(if: XMLLint.path != nil, "needs xmllint (libxml2-utils)"))
struct CrossFormatSummaryTests {
    @Test func jsonSarifAndJUnitAgree() throws {
        let results = try Fixtures.lint() + Sample.results
        let json = try #require(try parseJSON(Render.output(.json, results)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        let errors = try #require(summary["errors"] as? Int), warnings = try #require(summary["warnings"] as? Int)
        let infos = try #require(summary["infos"] as? Int), inputErrors = try #require(summary["inputErrors"] as? Int)
        let skipped = try #require(summary["skipped"] as? Int)

        let sarif = try #require(try parseJSON(Render.output(.sarif, results)) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let sarifResults = try #require(run["results"] as? [[String: Any]])
        func level(_ l: String) -> Int { sarifResults.filter { $0["level"] as? String == l }.count }
        #expect(level("error") == errors)
        #expect(level("warning") == warnings)
        #expect(level("note") == infos)
        #expect(sarifResults.filter { $0["ruleId"] as? String == "input-error" }.count == inputErrors)
        // The SARIF run carries the JSON summary itself.
        let sarifSummary = try #require((run["properties"] as? [String: Any])?["summary"])
        #expect(try canonicalJSON(sarifSummary) == canonicalJSON(summary))

        let junit = Render.output(.junit, results)
        let failures = try #require(Int(try XMLLint.xpath(junit, "string(/testsuites/@failures)").trimmingCharacters(in: .whitespacesAndNewlines)))
        let junitErrors = try #require(Int(try XMLLint.xpath(junit, "string(/testsuites/@errors)").trimmingCharacters(in: .whitespacesAndNewlines)))
        let junitSkipped = try #require(Int(try XMLLint.xpath(junit, "string(/testsuites/@skipped)").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(failures + junitErrors == errors + warnings + infos)
        #expect(junitErrors == inputErrors)
        #expect(junitSkipped == skipped)
        #expect(try XMLLint.xpath(junit, "count(//testsuite)") == "\(summary["files"] as? Int ?? -1)\n")
        // Checkstyle lists every finding once too.
        let checkstyle = Render.output(.checkstyle, results)
        #expect(try XMLLint.xpath(checkstyle, "count(//error)") == "\(errors + warnings + infos)\n")
    }

    @Test func baselineSuppressedIsAddedToTheJSONSummaryOnlyWithABaseline() throws {
        var reporter = JSONReporter()
        _ = reporter.begin(RunInfo(referenceWidths: [600], marketplace: "amazon.com"))
        let with = reporter.end(RunSummary(), extras: RunExtras(baselineSuppressed: 3))
        #expect(with.contains(#""complete":true,"baselineSuppressed":3}"#))
        #expect(!Render.output(.json, []).contains("baselineSuppressed"))
        var sarif = SARIFReporter()
        #expect(sarif.end(RunSummary(), extras: RunExtras(baselineSuppressed: 2)).contains(#""baselineSuppressed":2"#))
    }
}
