import Foundation
import Testing

@Suite struct OutputTests {
    /// An HTML report written into a checked directory is listed as skipped on the next run, not
    /// checked as a template.
    @Test func anEarlierHTMLReportIsNotATemplate() throws {
        let tmp = try TempDir()
        _ = try tmp.write("t/a.html", "<p>Order 112-3456789-0123456: which size?</p>")
        #expect(try BSMLint.run(["check", "t", "-f", "html", "-o", "t/report.html"], in: tmp.url).status == 0)
        let doc = try BSMLint.json(["t"], in: tmp.url).1
        let files = (doc["files"] as? [[String: Any]]) ?? []
        let report = try #require(files.first { $0["path"] as? String == "t/report.html" })
        #expect(report["status"] as? String == "skipped")
        #expect((report["reason"] as? String)?.contains("bsmlint report") == true)
        #expect(((report["findings"] as? [Any]) ?? []).isEmpty)
        #expect(files.first { $0["path"] as? String == "t/a.html" }?["status"] as? String == "checked")
        // Named on the command line, a file is always checked: a copied marker hides nothing.
        _ = try tmp.write("evade.html", "<html><head><meta name=\"generator\" content=\"bsmlint\"><title>bsmlint report</title></head><body><p>Use code SAVE10 for 10% off.</p></body></html>")
        let named = try BSMLint.json(["evade.html"], in: tmp.url).1
        let evade = ((named["files"] as? [[String: Any]]) ?? []).first
        #expect(evade?["status"] as? String == "checked")
        let evadeFindings = (evade?["findings"] as? [[String: Any]]) ?? []
        #expect(evadeFindings.contains { $0["ruleId"] as? String == "promotional-content" })
    }

    /// A text report saved as `.txt` in a checked directory is skipped like the HTML one (its
    /// last line is the run's summary); a plain-text message, or a report named on the command
    /// line, is checked.
    @Test func anEarlierTextReportIsNotAMessage() throws {
        let tmp = try TempDir()
        _ = try tmp.write("t/a.html", "<p>Order 112-3456789-0123456: call 555-1234.</p>")
        _ = try tmp.write("t/note.txt", "Order 112-3456789-0123456 shipped today.\nWe fixed 2 problems in 3 files of your order.\n")
        #expect(try BSMLint.run(["check", "t", "-f", "text", "-o", "t/report.txt"], in: tmp.url).status == 1)
        let doc = try BSMLint.json(["t"], in: tmp.url).1
        let files = (doc["files"] as? [[String: Any]]) ?? []
        let report = try #require(files.first { $0["path"] as? String == "t/report.txt" })
        #expect(report["status"] as? String == "skipped")
        #expect(files.first { $0["path"] as? String == "t/note.txt" }?["status"] as? String == "checked")
        #expect(files.first { $0["path"] as? String == "t/a.html" }?["status"] as? String == "checked")
        let named = try BSMLint.json(["t/report.txt"], in: tmp.url).1
        #expect(((named["files"] as? [[String: Any]]) ?? []).first?["status"] as? String == "checked")
    }

    /// A file checked under its own .bsmlint.yml names the widths and marketplace it was checked
    /// at when they differ from the run's settings (audit M3); merge keeps them.
    @Test func perFileSettingsOfADiscoveredConfiguration() throws {
        let tmp = try TempDir()
        _ = try tmp.write("de/a.html", "<p>Bestellung 302-1234567-1234567: welche Größe?</p>")
        _ = try tmp.write("de/.bsmlint.yml", "referenceWidths: [600, 375]\nmarketplace: amazon.de\n")
        _ = try tmp.write("us/b.html", "<p>Order 112-3456789-0123456: which size?</p>")
        let doc = try BSMLint.json(["de", "us"], in: tmp.url).1
        let settings = try #require(doc["settings"] as? [String: Any])
        #expect(settings["referenceWidths"] as? [Double] == [600])
        #expect(settings["marketplace"] as? String == "amazon.com")
        let files = (doc["files"] as? [[String: Any]]) ?? []
        let de = files.first { $0["path"] as? String == "de/a.html" }
        let us = files.first { $0["path"] as? String == "us/b.html" }
        #expect(de?["referenceWidths"] as? [Double] == [600, 375])
        #expect(de?["marketplace"] as? String == "amazon.de")
        #expect(us?["referenceWidths"] == nil && us?["marketplace"] == nil)
        // Through a JSONL shard report and merge.
        #expect(try BSMLint.run(["check", "de", "us", "-f", "jsonl", "-o", "s.jsonl"], in: tmp.url).status == 0)
        #expect(try BSMLint.run(["merge", "s.jsonl", "-f", "json", "-o", "m.json"], in: tmp.url).status == 0)
        let merged = try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.url.appendingPathComponent("m.json"))) as? [String: Any]
        let mde = ((merged?["files"] as? [[String: Any]]) ?? []).first { $0["path"] as? String == "de/a.html" }
        #expect(mde?["marketplace"] as? String == "amazon.de")
        if PythonJSONSchema.enabled {
            let json = try PythonJSONSchema.validate(tmp.url.appendingPathComponent("m.json").path, schema: "docs/report.schema.json", lines: false)
            #expect(json.0 == 0, "\(json.1)")
            let jsonl = try PythonJSONSchema.validate(tmp.url.appendingPathComponent("s.jsonl").path, schema: "docs/report-jsonl.schema.json", lines: true)
            #expect(jsonl.0 == 0, "\(jsonl.1)")
        }
    }

    /// A replaced report keeps its mode; a report written through a symbolic link replaces the
    /// file it points to, and the link stays (audit M10).
    @Test func reportKeepsModeAndLinks() throws {
        let tmp = try TempDir()
        _ = try tmp.write("t/a.html", "<p>Order 112-3456789-0123456: which size?</p>")
        let report = tmp.url.appendingPathComponent("r.json").path
        #expect(try BSMLint.run(["check", "t", "-f", "json", "-o", "r.json"], in: tmp.url).status == 0)
        #expect(chmod(report, 0o640) == 0)
        #expect(try BSMLint.run(["check", "t", "-f", "json", "-o", "r.json"], in: tmp.url).status == 0)
        let attrs = try FileManager.default.attributesOfItem(atPath: report)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        let target = try tmp.write("real.json", "{}")
        try FileManager.default.createSymbolicLink(atPath: tmp.url.appendingPathComponent("link.json").path, withDestinationPath: "real.json")
        #expect(try BSMLint.run(["check", "t", "-f", "json", "-o", "link.json"], in: tmp.url).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: tmp.url.appendingPathComponent("link.json").path) == "real.json")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("{\"schemaVersion\""))
    }

    /// A reference width given twice is checked once: same evidence and fingerprints as one
    /// (audit M5); a directory written `dir//` lists `dir/x.html`.
    @Test func repeatedReferenceWidthsAreOne() throws {
        let once = try BSMLint.json(["--reference-width", "600", BSMLint.repo.appendingPathComponent("Fixtures/samples/promo-blast-bad.html").path]).1
        let twice = try BSMLint.json(["--reference-width", "600", "--reference-width", "600", BSMLint.repo.appendingPathComponent("Fixtures/samples/promo-blast-bad.html").path]).1
        #expect((twice["settings"] as? [String: Any])?["referenceWidths"] as? [Double] == [600])
        func prints(_ d: [String: Any]) -> [String] {
            ((d["files"] as? [[String: Any]]) ?? []).flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }
                .map { "\($0["fingerprint"] ?? "") \($0["evidence"] ?? "")" }
        }
        #expect(!prints(once).isEmpty)
        #expect(prints(once) == prints(twice))
        let tmp = try TempDir()
        _ = try tmp.write("d/a.html", "<p>Order 112-3456789-0123456: which size?</p>")
        let paths = ((try BSMLint.json(["d//"], in: tmp.url).1["files"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
        #expect(paths == ["d/a.html"])
    }

    @Test func jsonToAFileIsCompleteAndStdoutStaysEmpty() throws {
        let tmp = try TempDir()
        let out = tmp.path("r.json")
        let r = try BSMLint.run(["check", "--format", "json", "-o", out, "Fixtures/cli/clean.html", "Fixtures/cli/http-image.html"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasSuffix("}\n"))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(doc["schemaVersion"] as? Int == 1)
        #expect(doc.summary["complete"] as? Bool == true)
        #expect(doc.files.map { $0["path"] as? String } == ["Fixtures/cli/clean.html", "Fixtures/cli/http-image.html"])
        #expect(doc.summary["errors"] as? Int == 1 && doc.summary["warnings"] as? Int == 1)
        #expect(try tmp.contents() == ["r.json"], "no temporary file left behind")
    }

    @Test func overwritesAnExistingReportOnlyWhenComplete() throws {
        let tmp = try TempDir()
        let out = try tmp.write("r.json", "OLD")
        // A second output that cannot be opened: the run fails before any report is written.
        let failed = try BSMLint.run(["check", "-f", "json", "-o", out, "-f", "text=\(tmp.path("no-such-dir/x.txt"))",
                                      "Fixtures/cli/clean.html"])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("cannot write"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "OLD", "the old report is untouched")
        #expect(try tmp.contents() == ["r.json"], "no half-written or temporary file")
        // A configuration error: same.
        let cfg = try tmp.write("bad.yml", "rules: [\n")
        let badConfig = try BSMLint.run(["check", "-f", "json", "-o", out, "--config", cfg, "Fixtures/cli/clean.html"])
        #expect(badConfig.status == 2)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "OLD")
        #expect(try tmp.contents() == ["bad.yml", "r.json"])
        // Success replaces it.
        let ok = try BSMLint.run(["check", "-f", "json", "-o", out, "Fixtures/cli/clean.html"])
        #expect(ok.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("{\"schemaVersion\":1,"))
        #expect(try tmp.contents() == ["bad.yml", "r.json"])
    }

    @Test func outputIntoAMissingDirectoryIsAnError() throws {
        let tmp = try TempDir()
        let r = try BSMLint.run(["check", "-f", "json", "-o", tmp.path("nope/r.json"), "Fixtures/cli/clean.html"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("No such file or directory"), "says why: \(r.stderr)")
        #expect(try tmp.contents().isEmpty)
    }

    @Test func severalFormatsAtOnce() throws {
        let tmp = try TempDir()
        let a = tmp.path("a.json"), b = tmp.path("b.jsonl")
        let r = try BSMLint.run(["check", "--format", "json=\(a)", "--format", "text", "--format", "jsonl=\(b)",
                                 "Fixtures/cli/http-image.html", "Fixtures/cli/emoji.html"])
        #expect(r.status == 1)
        // Text on stdout.
        #expect(r.stdout.contains("Fixtures/cli/http-image.html:4:2 error Image is loaded over http"))
        #expect(r.stdout.hasSuffix("✖ 4 problems (3 errors, 1 warning) in 2 files\n"))
        #expect(!r.stdout.contains("schemaVersion"))
        // JSON in a.json.
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: a))) as? [String: Any])
        #expect(doc.files.count == 2)
        #expect(doc.summary["errors"] as? Int == 3)
        // JSONL in b.jsonl: one line per file, then the summary.
        let lines = try String(contentsOfFile: b, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects[0]["path"] as? String == "Fixtures/cli/http-image.html")
        #expect(objects[1]["path"] as? String == "Fixtures/cli/emoji.html")
        #expect((objects[2]["summary"] as? [String: Any])?["files"] as? Int == 2)
        #expect(try tmp.contents() == ["a.json", "b.jsonl"])
    }

    @Test func outputOptionGoesToTheFirstFormatWithoutAFile() throws {
        let tmp = try TempDir()
        let out = tmp.path("r.txt")
        let r = try BSMLint.run(["check", "-f", "text", "-f", "json=\(tmp.path("r.json"))", "-o", out, "Fixtures/cli/clean.html"])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "✔ no problems in 1 file\n")
        #expect(FileManager.default.fileExists(atPath: tmp.path("r.json")))
    }

    /// Stdout is one destination, like a file: two formats there were concatenated (a JSON
    /// document followed by a SARIF log, which no reader parses). Refused like two formats
    /// naming one file (audit G, bug 8), for `check` and `merge` alike.
    @Test(arguments: [
        (["-f", "json", "-f", "sarif"], "only one report can go to stdout, but --format json and --format sarif have no file"),
        (["-f", "json", "-f", "text"], "only one report can go to stdout, but --format json and --format text have no file"),
        (["-f", "text", "-f", "json", "-f", "sarif=/tmp/bsmlint-unused.sarif"], "but --format text and --format json have no file"),
        (["-f", "json", "-f", "sarif", "-f", "html", "-o", "/tmp/bsmlint-unused.json"], "but --format sarif and --format html have no file"),
        // An empty file name wrote to stdout too.
        (["-f", "json=", "-f", "sarif"], "--format json=: the file name after '=' is empty"),
    ])
    func onlyOneFormatMayGoToStdout(_ formats: [String], _ message: String) throws {
        for command in ["check", "merge"] {
            let r = try BSMLint.run([command] + formats + ["Fixtures/cli/clean.html"])
            #expect(r.status == 2, "\(command) \(formats): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(command) \(formats): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/bsmlint-unused.sarif"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/bsmlint-unused.json"))
    }

    /// One format on stdout and the others in files, or `-o` taking the only one without a file.
    @Test func oneFormatOnStdoutAndTheRestInFilesIsFine() throws {
        let tmp = try TempDir()
        let r = try BSMLint.run(["check", "-f", "json", "-f", "sarif=\(tmp.path("r.sarif"))", "Fixtures/cli/clean.html"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) is [String: Any], "stdout is one JSON document")
        #expect(FileManager.default.fileExists(atPath: tmp.path("r.sarif")))
        let o = try BSMLint.run(["check", "-f", "json", "-f", "text", "-o", tmp.path("r.json"), "Fixtures/cli/clean.html"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout == "✔ no problems in 1 file\n")
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: tmp.path("r.json")))) is [String: Any])
    }

    @Test func jobsOneAndTwoGiveTheSameReport() throws {
        let args = ["Fixtures/cli", "Fixtures/reporters", "Fixtures/samples", "Fixtures/cli/missing.html"]
        let (one, docOne) = try BSMLint.json(["--jobs", "1"] + args)
        let (two, docTwo) = try BSMLint.json(["--jobs", "2"] + args)
        let (many, _) = try BSMLint.json(["-j", "7"] + args)
        #expect(one.status == 1 && two.status == 1)
        #expect(docOne.files.count > 15)
        #expect(normalisingDuration(one.stdout) == normalisingDuration(two.stdout))
        #expect(normalisingDuration(one.stdout) == normalisingDuration(many.stdout))
        // Input order: directory walks are sorted, arguments keep their order.
        let paths = docTwo.files.compactMap { $0["path"] as? String }
        #expect(paths.last == "Fixtures/cli/missing.html")
        let cli = paths.filter { $0.hasPrefix("Fixtures/cli/") && !$0.hasSuffix("missing.html") }
        #expect(cli == cli.sorted())
        #expect(paths.firstIndex { $0.hasPrefix("Fixtures/reporters/") }! > paths.lastIndex { $0.hasPrefix("Fixtures/cli/tree") }!)
    }

    /// no-color.org: NO_COLOR turns colour off "when present and not an empty string"; an
    /// empty NO_COLOR turned it off too. `script` gives bsmlint a terminal.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a terminal"))
    func emptyNoColorKeepsColourOnATerminal() throws {
        let exe = try #require(BSMLint.executable)
        let tmp = try TempDir()
        let page = try tmp.write("p.html", "<img src=\"http://x.example/a.png\" alt=\"Blue mug\">\n")
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        func run(_ noColor: String?, _ flag: String = "") throws -> String {
            env["NO_COLOR"] = noColor
            let (_, out) = try runProcess("/usr/bin/script", ["-qec", "\(exe.path) check --only-rule insecure-image \(flag) \(page)", "/dev/null"],
                                          in: tmp.url, environment: env)
            #expect(out.contains("[insecure-image]"), "\(out)")
            return out
        }
        #expect(try run(nil).contains("\u{1B}["), "colour on a terminal")
        #expect(try run("").contains("\u{1B}["), "NO_COLOR= (empty) keeps colour")
        #expect(try !run("1").contains("\u{1B}["), "NO_COLOR=1 turns it off")
        #expect(try !run(nil, "--no-color").contains("\u{1B}["))
    }

    @Test func textOutputIsNotColouredWhenPiped() throws {
        var r = try BSMLint.run(["check", "Fixtures/cli/http-image.html"])
        #expect(!r.stdout.contains("\u{1B}["))
        r = try BSMLint.run(["check", "--no-color", "Fixtures/cli/http-image.html"])
        #expect(!r.stdout.contains("\u{1B}["))
    }
}
