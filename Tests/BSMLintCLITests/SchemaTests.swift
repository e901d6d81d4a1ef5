import Foundation
import Testing

/// The CLI's real output for a mixed batch (checked, skipped, input errors, CRLF, windows-1252,
/// .eml, .txt) validated against docs/*.schema.json with Python's jsonschema.
enum PythonJSONSchema {
    static let unavailableReason: String? = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import jsonschema; jsonschema.Draft202012Validator"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return "cannot start python3: \(error)" }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return p.terminationStatus == 0 ? nil : "python3 -c 'import jsonschema' failed: \(out.suffix(300))"
    }()
    static var enabled: Bool {
        unavailableReason == nil || ProcessInfo.processInfo.environment["BSMLINT_REQUIRE_JSONSCHEMA"] == "1"
    }
    static var comment: Comment { Comment(rawValue: "schema validation skipped: \(unavailableReason ?? "")") }

    static func validate(_ file: String, schema: String, lines: Bool) throws -> (Int32, String) {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        v = jsonschema.Draft202012Validator(schema)
        text = open(sys.argv[2], encoding="utf-8").read()
        docs = [json.loads(l) for l in text.splitlines() if l] if sys.argv[3] == "1" else [json.loads(text)]
        errs = [f"{e.json_path}: {e.message[:200]}" for d in docs for e in v.iter_errors(d)]
        print("\\n".join(errs) or f"ok {len(docs)}")
        sys.exit(1 if errs else 0)
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, BSMLint.repo.appendingPathComponent(schema).path, file, lines ? "1" : "0"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, out)
    }
}

@Suite(.enabled(if: PythonJSONSchema.enabled, PythonJSONSchema.comment))
struct CLISchemaTests {
    @Test func mixedBatchOutputMatchesBothSchemas() throws {
        let tmp = try TempDir()
        try tmp.write("t/.bsmlint.yml", "ignore: [\"skip.html\"]\n")
        try tmp.write("t/skip.html", "<p>x</p>\n")
        try tmp.write("t/bin.html", Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]))
        let json = tmp.path("r.json"), jsonl = tmp.path("r.jsonl")
        let r = try BSMLint.run(["check", "-f", "json=\(json)", "-f", "jsonl=\(jsonl)",
                                 "Fixtures/cli", "Fixtures/samples", "Fixtures/positions", tmp.path("t"), tmp.path("missing.html")])
        #expect(r.status == 1, "\(r.stderr)")
        let a = try PythonJSONSchema.validate(json, schema: "docs/report.schema.json", lines: false)
        #expect(a.0 == 0, "\(a.1)")
        let b = try PythonJSONSchema.validate(jsonl, schema: "docs/report-jsonl.schema.json", lines: true)
        #expect(b.0 == 0, "\(b.1)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let statuses = Set(doc.files.compactMap { $0["status"] as? String })
        #expect(statuses == ["checked", "skipped", "error"], "the batch exercises every status")
        #expect(b.1.contains("ok \(doc.files.count + 1)"))
    }

    /// A sharded run's reports carry `settings.shard`, which both schemas describe.
    @Test func shardedOutputMatchesBothSchemas() throws {
        let tmp = try TempDir()
        let json = tmp.path("r.json"), jsonl = tmp.path("r.jsonl")
        let r = try BSMLint.run(["check", "--shard", "2/2", "-f", "json=\(json)", "-f", "jsonl=\(jsonl)", "Fixtures/samples", "Fixtures/cli"])
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let text = try String(contentsOfFile: json, encoding: .utf8)
        #expect(text.contains(#""shard":{"index":2,"count":2}"#))
        let a = try PythonJSONSchema.validate(json, schema: "docs/report.schema.json", lines: false)
        #expect(a.0 == 0, "\(a.1)")
        let b = try PythonJSONSchema.validate(jsonl, schema: "docs/report-jsonl.schema.json", lines: true)
        #expect(b.0 == 0, "\(b.1)")
    }
}
