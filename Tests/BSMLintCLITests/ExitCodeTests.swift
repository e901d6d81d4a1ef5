import Foundation
import Testing

@Suite struct ExitCodeTests {
    @Test func cleanFixtureExitsZero() throws {
        let r = try BSMLint.run(["check", "Fixtures/cli/clean.html"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "✔ no problems in 1 file\n")
        #expect(r.stderr.isEmpty)
    }

    @Test func checkIsTheDefaultSubcommand() throws {
        let r = try BSMLint.run(["Fixtures/cli/clean.html"])
        #expect(r.status == 0)
        #expect(r.stdout == "✔ no problems in 1 file\n")
    }

    @Test func shortOptionsTakeAttachedValues() throws {
        // `-j2`, `-fjson`, `-oFILE`, as getopt-style tools accept them.
        let j = try BSMLint.run(["-j2", "Fixtures/cli/clean.html"])
        #expect(j.status == 0, "\(j.stderr)")
        let f = try BSMLint.run(["check", "-j1", "-fjson", "Fixtures/cli/emoji.html"])
        #expect(f.status == 1)
        #expect(f.stdout.hasPrefix("{\"schemaVersion\""))
    }

    @Test func aMisspelledCommandIsAUsageError() throws {
        let r = try BSMLint.run(["chek", "Fixtures/cli/clean.html"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown command 'chek' (did you mean 'check'?)"))
        #expect(r.stdout.isEmpty)
        // A missing path that is no near-miss of a command is still a path (an input error).
        let missing = try BSMLint.run(["templates-that-do-not-exist"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("templates-that-do-not-exist"))
    }

    @Test(arguments: ["http-image.html", "emoji.html", "windows-1252.html", "crlf.html"])
    func fixtureWithAnErrorExitsOne(_ name: String) throws {
        let r = try BSMLint.run(["check", "Fixtures/cli/\(name)"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Fixtures/cli/\(name):"))
        #expect(r.stdout.contains(" error "))
        #expect(r.stdout.contains("✖ "))
    }

    @Test(arguments: [
        (["check", "--no-such-option", "Fixtures/cli/clean.html"], "no-such-option"),
        (["check", "--rule", "no-such-rule=error", "Fixtures/cli/clean.html"], "unknown rule 'no-such-rule'"),
        (["check", "--rule", "emoji=loud", "Fixtures/cli/clean.html"], "--rule expects"),
        (["check", "--format", "xml", "Fixtures/cli/clean.html"], "unknown format 'xml'"),
        (["check", "--format", "xml=out.xml", "Fixtures/cli/clean.html"], "unknown format 'xml'"),
        (["check", "--jobs", "0", "Fixtures/cli/clean.html"], "--jobs"),
        (["check", "--marketplace", "amazon.zz", "Fixtures/cli/clean.html"], "unknown marketplace"),
        (["check", "--reference-width", "5", "Fixtures/cli/clean.html"], "--reference-width"),
        // NaN fails every comparison: it passed the range check and turned the measuring rules off.
        (["check", "--reference-width", "nan", "Fixtures/cli/clean.html"], "--reference-width must be a number of px between 100 and 4000, got nan"),
        (["check", "--reference-width", "inf", "Fixtures/cli/clean.html"], "--reference-width must be a number of px between 100 and 4000, got inf"),
        (["check", "--reference-width=-600", "Fixtures/cli/clean.html"], "--reference-width must be a number of px between 100 and 4000"),
        (["check", "--max-warnings=-2", "Fixtures/cli/clean.html"], "--max-warnings must be 0 or more (or -1: no limit), got -2"),
        (["check"], "give at least one file"),
        (["explain", "no-such-rule"], "unknown rule 'no-such-rule'"),
        (["check", "-f", "json=/tmp/bsmlint-same.out", "-f", "jsonl=/tmp/bsmlint-same.out", "Fixtures/cli/clean.html"], "two reports"),
        (["check", "-f", "json=/tmp/bsmlint-a.out", "-o", "/tmp/bsmlint-b.out", "Fixtures/cli/clean.html"], "every --format already names its file"),
        (["check", "-f", "json=/tmp/bsmlint-same.out", "-f", "text", "-o", "/tmp/./bsmlint-same.out", "Fixtures/cli/clean.html"], "two reports"),
        // The same file under other spellings, and a baseline over a report (audit M4).
        (["check", "-f", "json=/tmp/bsmlint-same.out", "-f", "sarif=/tmp/x/../bsmlint-same.out", "Fixtures/cli/clean.html"], "two reports"),
        (["check", "-f", "json=bsmlint-same.out", "-f", "sarif=./bsmlint-same.out", "Fixtures/cli/clean.html"], "two reports"),
        (["check", "-f", "json", "-o", "/tmp/bsmlint-wb.out", "--write-baseline", "/tmp/./bsmlint-wb.out", "Fixtures/cli/clean.html"], "--write-baseline /tmp/./bsmlint-wb.out: a report is written to the same file"),
        // Standard input can be read once; input-error cannot be configured (audit M10).
        (["check", "-", "-"], "- (standard input) is given more than once"),
        (["check", "--rule", "input-error=off", "Fixtures/cli/clean.html"], "'input-error' cannot be configured"),
    ])
    func usageErrorsExitTwo(_ args: [String], _ message: String) throws {
        let r = try BSMLint.run(args)
        #expect(r.status == 2, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        #expect(r.stdout.isEmpty, "nothing on stdout for a usage error: \(r.stdout)")
    }

    @Test(arguments: [
        "rules:\n  no-such-rule: error\n",
        "rules: [\n",
        "referenceWidths: wide\n",
        "unknownKey: 1\n",
    ])
    func badConfigGivenWithConfigExitsTwo(_ yaml: String) throws {
        let tmp = try TempDir()
        let cfg = try tmp.write("bad.yml", yaml)
        let r = try BSMLint.run(["check", "--config", cfg, BSMLint.fixture("clean.html")])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("bad.yml"), "names the file: \(r.stderr)")
    }

    /// A discovered configuration file that is invalid, with every report going to a file: the
    /// console still names the file and the reason (audit M7); a directory given as --config
    /// says so.
    @Test func invalidDiscoveredConfigIsNamedOnTheConsole() throws {
        let tmp = try TempDir()
        _ = try tmp.write("t/a.html", "<p>Order 112-3456789-0123456: which size?</p>")
        _ = try tmp.write("t/.bsmlint.yml", "rules:\n  emoji: fatal\n")
        let r = try BSMLint.run(["check", "t", "-f", "sarif=out.sarif"], in: tmp.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("1 file not checked: invalid configuration file\n"), "\(r.stderr)")
        #expect(r.stderr.contains("t/.bsmlint.yml"), "\(r.stderr)")
        #expect(r.stderr.contains("fatal"), "\(r.stderr)")
        // The SARIF log says the run did not succeed (it exits 2), audit U.
        let sarif = try String(contentsOf: tmp.url.appendingPathComponent("out.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"executionSuccessful\":false"))
        _ = try tmp.write("u/a.html", "<p>Order 112-3456789-0123456: which size?</p>")
        let ok = try BSMLint.run(["check", "u/a.html", "-f", "sarif"], in: tmp.url)
        #expect(ok.stdout.contains("\"executionSuccessful\":true"), "a run that checks everything succeeded")
        let d = try BSMLint.run(["check", "-c", "t", "t/a.html"], in: tmp.url)
        #expect(d.status == 2)
        #expect(d.stderr.contains("is a directory"), "\(d.stderr)")
    }

    /// A rule option that is not a usable number, in a discovered or a given configuration:
    /// exit 2, and the message names the file and the key (audit G, bugs 3 and 6).
    @Test func badRuleOptionNamesTheFileAndKey() throws {
        let tmp = try TempDir()
        try tmp.write("t/.bsmlint.yml", "rules:\n  margin-too-wide: {options: {maxPercent: .nan}}\n")
        let page = try tmp.write("t/a.html", "<p style=\"margin-left:300px\">Order 123-1234567-1234567</p>\n")
        let cfg = tmp.url.appendingPathComponent("t/.bsmlint.yml").path
        let (r, doc) = try BSMLint.json(["--only-rule", "margin-too-wide", page])
        #expect(r.status == 2, "\(r.stderr)")
        let message = try #require(doc.files.first?.findings.first?["message"] as? String)
        #expect(message == "configuration error: \(cfg): invalid configuration: rules.margin-too-wide.options.maxPercent: expected a finite number, got nan")
        let given = try BSMLint.run(["check", "--config", cfg, page])
        #expect(given.status == 2)
        #expect(given.stderr.contains("\(cfg): invalid configuration: rules.margin-too-wide.options.maxPercent: expected a finite number"), "\(given.stderr)")
        #expect(given.stdout.isEmpty)
    }

    /// A discovered .bsmlint.yml that is invalid: every file under it is still listed (as an
    /// input error naming the configuration), and the exit status is 2 (configuration error).
    @Test func badDiscoveredConfigExitsTwoAndStillReportsTheFiles() throws {
        let tmp = try TempDir()
        try tmp.write(".bsmlint.yml", "rules:\n  no-such-rule: error\n")
        try tmp.write("a.html", "<p>hello</p>\n")
        try tmp.write("b.txt", "hello\n")
        let out = tmp.path("report.json")
        let r = try BSMLint.run(["check", tmp.url.path, "--format", "json", "-o", out])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("invalid configuration"))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        #expect(doc.files.map { $0["status"] as? String } == ["error", "error"])
        for f in doc.files {
            #expect(f.ruleIds == ["input-error"])
            #expect((f.findings.first?["message"] as? String)?.contains("no-such-rule") == true)
        }
    }

    @Test func maxWarnings() throws {
        let file = "Fixtures/cli/protocol-relative.html"
        let plain = try BSMLint.run(["check", file])
        #expect(plain.status == 0, "one warning and no errors is a pass: \(plain.stdout)")
        #expect(plain.stdout.contains("(0 errors, 1 warning)"))
        let zero = try BSMLint.run(["check", "--max-warnings", "0", file])
        #expect(zero.status == 1)
        #expect(zero.stderr.contains("1 warning, more than --max-warnings 0"))
        let one = try BSMLint.run(["check", "--max-warnings", "1", file])
        #expect(one.status == 0, "\(one.stderr)")
        // -1 is no limit (ESLint), written apart or joined.
        #expect(try BSMLint.run(["check", "--max-warnings", "-1", file]).status == 0)
        #expect(try BSMLint.run(["check", "--max-warnings=-1", file]).status == 0)
        // A rule downgraded to a warning counts against the limit too.
        let emoji = try BSMLint.run(["check", "--rule", "emoji=warning", "--max-warnings", "1", "Fixtures/cli/emoji.html"])
        #expect(emoji.status == 1, "2 emoji warnings > 1")
        let emojiOK = try BSMLint.run(["check", "--rule", "emoji=warning", "--max-warnings", "2", "Fixtures/cli/emoji.html"])
        #expect(emojiOK.status == 0)
        let off = try BSMLint.run(["check", "--rule", "emoji=off", "Fixtures/cli/emoji.html"])
        #expect(off.status == 0)
        #expect(off.stdout == "✔ no problems in 1 file\n")
    }

    @Test func quietReportsErrorsOnly() throws {
        let (r, doc) = try BSMLint.json(["--quiet", "Fixtures/cli/http-image.html"])
        #expect(r.status == 1)
        #expect(doc.files.first?.findings.map { $0["severity"] as? String } == ["error"])
        #expect(doc.summary["warnings"] as? Int == 0)
    }

    @Test func helpAndVersionExitZero() throws {
        let help = try BSMLint.run(["check", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--max-warnings"))
        let version = try BSMLint.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}
