import BSMDocument
import BSMEngine
import BSMReporters
import Foundation
import Testing

/// Validates reports against docs/*.schema.json with Python's `jsonschema` (Draft 2020-12).
enum SchemaValidator {
    /// Why validation cannot run here, or nil when it can.
    static let unavailableReason: String? = {
        do {
            let r = try run(["-c", "import jsonschema, sys; sys.exit(0 if hasattr(jsonschema, 'Draft202012Validator') else 3)"])
            if r.status == 0 { return nil }
            return "python3 -c 'import jsonschema' failed (exit \(r.status)): \(r.output.trimmingCharacters(in: .whitespacesAndNewlines).suffix(300))"
        } catch {
            return "cannot start python3: \(error)"
        }
    }()

    /// Missing jsonschema is a skip on a developer machine and a failure where it is required.
    static var mustRun: Bool { ProcessInfo.processInfo.environment["BSMLINT_REQUIRE_JSONSCHEMA"] == "1" }
    static var enabled: Bool { unavailableReason == nil || mustRun }
    static var skipComment: Comment {
        Comment(rawValue: "schema validation skipped: \(unavailableReason ?? "") (CI installs it: python3 -m pip install jsonschema)")
    }

    static let script = #"""
import json, sys, jsonschema
schema_path, kind, data_path = sys.argv[1], sys.argv[2], sys.argv[3]
schema = json.load(open(schema_path, encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
text = open(data_path, encoding="utf-8").read()
docs = [json.loads(text)] if kind == "json" else [json.loads(l) for l in text.split("\n") if l]
bad = 0
for i, d in enumerate(docs):
    for e in v.iter_errors(d):
        bad += 1
        print(f"doc {i}: {e.json_path}: {e.message[:300]}")
print(f"validated {len(docs)} document(s), {bad} error(s)")
sys.exit(1 if bad else 0)
"""#

    struct Result { var status: Int32; var output: String }

    static func run(_ args: [String]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Validates `text` (a JSON document, or JSON lines) against a schema file.
    static func validate(_ text: String, schema: URL, kind: String) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("report.\(kind)")
        try Data(text.utf8).write(to: data)
        return try run(["-c", script, schema.path, kind, data.path])
    }
}

@Suite(.enabled(if: SchemaValidator.enabled, SchemaValidator.skipComment))
struct SchemaTests {
    @Test func validatorIsInstalledWhereRequired() {
        #expect(SchemaValidator.unavailableReason == nil, "\(SchemaValidator.unavailableReason ?? "")")
    }

    @Test func realLintOfFixturesMatchesTheJSONSchema() throws {
        let results = try Fixtures.lint() + Sample.results
        #expect(results.contains { !$0.findings.isEmpty && $0.status == .checked })
        let r = try SchemaValidator.validate(Render.output(.json, results, durationMs: 4.5), schema: Repo.jsonSchema, kind: "json")
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("validated 1 document(s), 0 error(s)"))
    }

    @Test func realLintOfFixturesMatchesTheJSONLSchema() throws {
        let results = try Fixtures.lint() + Sample.results
        let r = try SchemaValidator.validate(Render.output(.jsonl, results), schema: Repo.jsonlSchema, kind: "jsonl")
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("validated \(results.count + 1) document(s), 0 error(s)"))
    }

    /// `settings.enabledRules` and a file's own `enabledRules` are in both schemas.
    @Test func enabledRulesMatchTheSchemas() throws {
        let results = try EnabledRulesTests.results()
        let json = Render.output(.json, results, run: EnabledRulesTests.run)
        #expect(json.contains("\"enabledRules\":[\"insecure-image\"]"), "a file with a list of its own")
        let r = try SchemaValidator.validate(json, schema: Repo.jsonSchema, kind: "json")
        #expect(r.status == 0, "\(r.output)")
        let l = try SchemaValidator.validate(Render.output(.jsonl, results, run: EnabledRulesTests.run), schema: Repo.jsonlSchema, kind: "jsonl")
        #expect(l.status == 0, "\(l.output)")
    }

    @Test func emptyRunMatches() throws {
        let json = try SchemaValidator.validate(Render.output(.json, []), schema: Repo.jsonSchema, kind: "json")
        #expect(json.status == 0, "\(json.output)")
        let jsonl = try SchemaValidator.validate(Render.output(.jsonl, []), schema: Repo.jsonlSchema, kind: "jsonl")
        #expect(jsonl.status == 0, "\(jsonl.output)")
    }

    /// The schemas are strict: a renamed or extra field, a 0-based column, an unknown status or
    /// severity, or a bad rule id is rejected (so drift between code and contract fails a test).
    @Test(arguments: [
        (#""ruleId":"insecure-image""#, #""ruleId":"Insecure_Image""#, "ruleId pattern"),
        (#""column":9"#, #""column":0"#, "1-based column"),
        (#""severity":"warning""#, #""severity":"fatal""#, "severity enum"),
        (#""status":"skipped""#, #""status":"ignored""#, "status enum"),
        (#""fingerprint":"0123456789abcdef""#, #""fingerprint":"0123456789abcdef","extra":1"#, "extra finding field"),
        (#""schemaVersion":1"#, #""schemaVersion":2"#, "schemaVersion const"),
        (#""inputErrors":1"#, #""inputErrs":1"#, "renamed summary field"),
        (#""offset":61"#, #""offset":-1"#, "negative offset"),
        (#""reason":"ignored by drafts/** in .bsmlint.yml","#, "", "skipped without a reason"),
        (#""ruleId":"input-error""#, #""ruleId":"io-error""#, "error status without input-error"),
    ])
    func schemaRejectsDrift(_ original: String, _ replacement: String, _ what: String) throws {
        let good = Render.output(.json, Sample.results)
        #expect(good.contains(original), "the sample must contain \(original)")
        let bad = good.replacingOccurrences(of: original, with: replacement)
        let r = try SchemaValidator.validate(bad, schema: Repo.jsonSchema, kind: "json")
        #expect(r.status == 1, "\(what) should be rejected: \(r.output)")
    }

    @Test func jsonlSchemaRejectsASummaryLineWithExtraKeys() throws {
        let out = Render.output(.jsonl, Sample.results)
        let bad = out.replacingOccurrences(of: #"{"schemaVersion":1,"#, with: #"{"totals":{},"schemaVersion":1,"#)
        #expect(bad != out)
        let r = try SchemaValidator.validate(bad, schema: Repo.jsonlSchema, kind: "jsonl")
        #expect(r.status == 1, "\(r.output)")
    }

}

/// Checks of the schema files themselves (no validator needed).
@Suite struct SchemaFileTests {
    /// report-jsonl.schema.json carries a copy of report.schema.json's definitions.
    @Test func jsonlSchemaDefinitionsAreACopyOfTheReportSchemas() throws {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Repo.jsonSchema)) as? [String: Any])
        let jsonl = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Repo.jsonlSchema)) as? [String: Any])
        let a = try #require(report["$defs"] as? [String: Any])
        var b = try #require(jsonl["$defs"] as? [String: Any])
        #expect(b.removeValue(forKey: "summaryLine") != nil)
        #expect(try canonicalJSON(a) == canonicalJSON(b))
        #expect(report["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(jsonl["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }
}
