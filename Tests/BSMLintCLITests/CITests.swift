import Foundation
import Testing

/// Runs a command and returns (status, stdout+stderr), with `environment` replacing the process's.
func runProcess(_ exe: String, _ args: [String], in dir: URL, environment: [String: String]? = nil) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    p.currentDirectoryURL = dir
    if let environment { p.environment = environment }
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// `git` in a directory, with an identity so commits work anywhere.
@discardableResult
func git(_ args: [String], in dir: URL) throws -> String {
    let (status, out) = try runProcess("/usr/bin/env", ["git", "-c", "user.name=bsmlint test", "-c", "user.email=test@example.com",
                                                        "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"] + args, in: dir)
    try #require(status == 0, "git \(args.joined(separator: " ")) failed: \(out)")
    return out
}

let httpImage = "<html><body>\n<p>Hello</p>\n<img src=\"http://cdn.example.com/a.png\" alt=\"A\">\n</body></html>\n"

@Suite struct CIFormatCLITests {
    @Test func sarifFromTheBinaryMatchesTheSARIFSchemaAndIsRelativeToTheWorkingDirectory() throws {
        let tmp = try TempDir()
        let out = tmp.path("r.sarif")
        let r = try BSMLint.run(["check", "-f", "sarif=\(out)", "-f", "json", "Fixtures/cli/http-image.html", "Fixtures/cli/emoji.html",
                                 "Fixtures/cli/no-such.html"])
        #expect(r.status == 1)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let uris = results.compactMap { ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String }
        #expect(Set(uris) == ["Fixtures/cli/http-image.html", "Fixtures/cli/emoji.html", "Fixtures/cli/no-such.html"])
        let base = try #require((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])
        #expect((base["uri"] as? String)?.hasPrefix("file:///") == true)
        // Every built-in rule is documented in the driver.
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count > 20)
        // Same counts as the JSON report written in the same run.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let s = json.summary
        #expect(results.count == (s["errors"] as? Int ?? -1) + (s["warnings"] as? Int ?? -1) + (s["infos"] as? Int ?? -1))
        guard PythonJSONSchema.unavailableReason == nil, FileManager.default.fileExists(atPath: "/work/shared/schemas/sarif-schema-2.1.0.json") else { return }
        let (status, output) = try runProcess("/usr/bin/env", ["python3", "-c", """
            import json, sys, jsonschema
            v = jsonschema.Draft7Validator(json.load(open(sys.argv[1])))
            errs = [f"{e.json_path}: {e.message[:200]}" for e in v.iter_errors(json.load(open(sys.argv[2])))]
            print("\\n".join(errs) or "ok"); sys.exit(1 if errs else 0)
            """, "/work/shared/schemas/sarif-schema-2.1.0.json", out], in: tmp.url)
        #expect(status == 0, "\(output)")
    }

    @Test func githubAnnotationsOnStdout() throws {
        let r = try BSMLint.run(["check", "-f", "github", "Fixtures/cli/http-image.html"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("::error file=Fixtures/cli/http-image.html,line=4,col=2,endLine=4,endColumn=60,title=bsmlint insecure-image::Image is loaded over http"))
        #expect(r.stdout.contains("\n::warning file=Fixtures/cli/http-image.html,line=5,col=1,"))
    }

    @Test func junitAndCheckstyleFilesAreWellFormed() throws {
        let tmp = try TempDir()
        let j = tmp.path("r.xml"), c = tmp.path("c.xml")
        let r = try BSMLint.run(["check", "-f", "junit=\(j)", "-f", "checkstyle=\(c)", "Fixtures/cli"])
        #expect(r.status == 1)
        for f in [j, c] {
            let (status, out) = try runProcess("/usr/bin/env", ["xmllint", "--noout", f], in: tmp.url)
            #expect(status == 0, "\(f): \(out)")
        }
        #expect(try String(contentsOfFile: j, encoding: .utf8).contains("<testsuite name=\"Fixtures/cli/http-image.html\""))
        #expect(try String(contentsOfFile: c, encoding: .utf8).contains("source=\"bsmlint.insecure-image\""))
    }

    /// `input-error` and `unused-disable-directive` link to the same page in JSON, SARIF and
    /// HTML, and the page exists (JSON and HTML pointed at missing pages, SARIF at docs/report.md
    /// and README.md; audit G, bug 9).
    @Test func engineRuleIdsLinkToTheirPagesInEveryFormat() throws {
        let tmp = try TempDir()
        try tmp.write("d.html", "<!-- bsmlint-disable-next emoji -->\n<p>Order 123-1234567-1234567</p>\n")
        let sarif = tmp.path("r.sarif"), html = tmp.path("r.html")
        let r = try BSMLint.run(["check", "-f", "json", "-f", "sarif=\(sarif)", "-f", "html=\(html)", "missing.html", "d.html"], in: tmp.url)
        #expect(r.status == 1, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let findings = doc.files.flatMap(\.findings)
        let sarifDoc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as? [String: Any])
        let driver = try #require((((sarifDoc["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"] as? [String: Any]))
        let descriptors = try #require(driver["rules"] as? [[String: Any]])
        let page = try String(contentsOfFile: html, encoding: .utf8)
        let base = "https://github.com/bsmlint/bsmlint/blob/main/"
        for id in ["input-error", "unused-disable-directive"] {
            let uri = "docs/rules/\(id).md"
            #expect(FileManager.default.fileExists(atPath: BSMLint.repo.appendingPathComponent(uri).path), "\(uri) exists")
            let f = try #require(findings.first { $0["ruleId"] as? String == id }, "a \(id) finding")
            #expect(f["helpUri"] as? String == uri)
            let d = try #require(descriptors.first { $0["id"] as? String == id })
            #expect(d["helpUri"] as? String == base + uri)
            #expect(page.contains("href=\"\(base + uri)\""), "HTML links \(id) to its page")
        }
    }

    @Test func unknownFormatListsTheNewOnes() throws {
        let r = try BSMLint.run(["check", "-f", "xml", "Fixtures/cli/clean.html"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("sarif, github, junit, checkstyle"))
    }
}

@Suite struct BaselineTests {
    @Test func baselineHidesKnownFindingsAcrossEditsAboveThemAndReportsNewOnes() throws {
        let tmp = try TempDir()
        try tmp.write("t/a.html", httpImage)
        try tmp.write("t/b.html", "<p>fine</p>\n")
        // Record today's findings: exit 0, the file is JSON with path, rule and fingerprint.
        let w = try BSMLint.run(["check", "--only-rule", "insecure-image", "--write-baseline", "baseline.json", "-f", "json", "t"], in: tmp.url)
        #expect(w.status == 0, "\(w.stderr)")
        #expect(w.stderr.contains("wrote 1 finding to the baseline baseline.json"))
        let base = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.url.appendingPathComponent("baseline.json"))) as? [String: Any])
        #expect(base["bsmlintBaseline"] as? Int == 1)
        let entries = try #require(base["findings"] as? [[String: String]])
        #expect(entries.count == 1)
        #expect(entries.first?["path"] == "t/a.html")
        #expect(entries.first?["ruleId"] == "insecure-image")
        #expect(entries.first?["fingerprint"]?.count == 16)
        #expect(try tmp.contents() == ["baseline.json", "t"], "no temporary file left")

        // Unrelated edits above the finding move it down three lines: still known.
        try tmp.write("t/a.html", "<!-- new header -->\n<p>Intro</p>\n<p>More</p>\n" + httpImage)
        let (same, doc) = try BSMLint.json(["--only-rule", "insecure-image", "--baseline", "baseline.json", "t"], in: tmp.url)
        #expect(same.status == 0, "\(same.stderr)")
        #expect(doc.summary["errors"] as? Int == 0)
        #expect(doc.summary["baselineSuppressed"] as? Int == 1)
        #expect(doc.files.allSatisfy { $0.findings.isEmpty })
        #expect(same.stderr.contains("bsmlint: 1 known finding hidden by the baseline baseline.json"))

        // A new finding is reported, the old one still suppressed.
        try tmp.write("t/a.html", "<img src=\"http://evil.example/new.png\" alt=\"N\">\n" + httpImage)
        let (fresh, doc2) = try BSMLint.json(["--only-rule", "insecure-image", "--baseline", "baseline.json", "t"], in: tmp.url)
        #expect(fresh.status == 1)
        #expect(doc2.summary["errors"] as? Int == 1)
        #expect(doc2.summary["baselineSuppressed"] as? Int == 1)
        let reported = doc2.files.flatMap { $0.findings }
        #expect(reported.count == 1)
        #expect((reported.first?["evidence"] as? String)?.contains("evil.example") == true)
        // Without --baseline there is no baselineSuppressed key.
        let (_, plain) = try BSMLint.json(["--only-rule", "insecure-image", "t"], in: tmp.url)
        #expect(plain.summary["baselineSuppressed"] == nil)
        #expect(plain.summary["errors"] as? Int == 2)
    }

    @Test func aBadBaselineIsAUsageError() throws {
        let tmp = try TempDir()
        try tmp.write("bad.json", "{\"findings\": []}")
        let r = try BSMLint.run(["check", "--baseline", tmp.path("bad.json"), "Fixtures/cli/clean.html"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("not a bsmlint baseline"))
        let missing = try BSMLint.run(["check", "--baseline", tmp.path("none.json"), "Fixtures/cli/clean.html"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read baseline"))
    }
}

@Suite struct ChangedSinceTests {
    @Test func onlyAddedModifiedRenamedAndUntrackedTemplatesAreChecked() throws {
        let tmp = try TempDir()
        let dir = tmp.url
        try git(["init", "-q"], in: dir)
        try tmp.write("t/old.html", httpImage)
        try tmp.write("t/edited.html", httpImage)
        try tmp.write("t/moved.html", httpImage)
        try tmp.write("t/gone.html", httpImage)
        try git(["add", "."], in: dir)
        try git(["commit", "-qm", "base"], in: dir)
        try git(["branch", "base"], in: dir)
        try tmp.write("t/edited.html", httpImage + "<p>edit</p>\n")
        try git(["mv", "t/moved.html", "t/renamed.html"], in: dir)
        try git(["rm", "-q", "t/gone.html"], in: dir)
        try tmp.write("t/added.html", httpImage)
        try git(["add", "t/added.html"], in: dir)
        try git(["commit", "-qm", "change"], in: dir)
        try tmp.write("t/untracked.html", httpImage)
        let (r, doc) = try BSMLint.json(["--changed-since", "base", "t"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        let paths = doc.files.compactMap { $0["path"] as? String }
        #expect(paths == ["t/added.html", "t/edited.html", "t/renamed.html", "t/untracked.html"])
    }

    @Test func outsideAGitRepositoryIsAClearError() throws {
        let tmp = try TempDir()
        try tmp.write("a.html", "<p>x</p>\n")
        var env = ProcessInfo.processInfo.environment
        env["GIT_CEILING_DIRECTORIES"] = tmp.url.deletingLastPathComponent().path
        let exe = try #require(BSMLint.executable)
        let (status, out) = try runProcess(exe.path, ["check", "--changed-since", "main", "a.html"], in: tmp.url, environment: env)
        #expect(status == 2)
        #expect(out.contains("not in a git repository"), "\(out)")
    }

    @Test func anUnknownRefIsAClearError() throws {
        let tmp = try TempDir()
        try git(["init", "-q"], in: tmp.url)
        try tmp.write("a.html", "<p>x</p>\n")
        try git(["add", "."], in: tmp.url)
        try git(["commit", "-qm", "one"], in: tmp.url)
        let r = try BSMLint.run(["check", "--changed-since", "no-such-branch", "a.html"], in: tmp.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("'no-such-branch' is not a commit"), "\(r.stderr)")
    }
}

@Suite struct IgnoreFileAndPrintConfigTests {
    @Test func bsmlintignoreInTheWorkingDirectorySkipsMatchingFiles() throws {
        let tmp = try TempDir()
        try tmp.write(".bsmlintignore", "# generated\nbuild/\n*.draft.html\n!keep.draft.html\n/t/vendor/**\n")
        for name in ["t/a.html", "t/x.draft.html", "t/keep.draft.html", "build/out.html", "t/build/deep.html", "t/vendor/v.html", "u/t/vendor/w.html"] {
            try tmp.write(name, httpImage)
        }
        let (r, doc) = try BSMLint.json(["."], in: tmp.url)
        #expect(r.status == 1)
        var status: [String: String] = [:]
        for f in doc.files { status[f["path"] as? String ?? ""] = f["status"] as? String }
        #expect(status["./t/a.html"] == "checked")
        #expect(status["./t/keep.draft.html"] == "checked")
        #expect(status["./u/t/vendor/w.html"] == "checked", "a leading slash anchors to the working directory")
        #expect(status["./t/x.draft.html"] == "skipped")
        #expect(status["./build/out.html"] == "skipped")
        #expect(status["./t/build/deep.html"] == "skipped", "a directory pattern matches at any depth")
        #expect(status["./t/vendor/v.html"] == "skipped")
        let reason = doc.files.first { $0["path"] as? String == "./t/x.draft.html" }?["reason"] as? String
        #expect(reason == "ignored by '*.draft.html' in .bsmlintignore (line 3)")
    }

    /// `ignore:` of a discovered .bsmlint.yml matches below its directory; of a --config file,
    /// from the working directory (a shared config kept in ci/ can ignore templates; audit M8).
    @Test func ignorePatternsOfAGivenConfigAreRelativeToTheWorkingDirectory() throws {
        let tmp = try TempDir()
        try tmp.write("ci/bsmlint.yml", "ignore: [\"templates/drafts/**\"]\n")
        try tmp.write("templates/drafts/d.html", httpImage)
        try tmp.write("templates/live/l.html", httpImage)
        let (_, doc) = try BSMLint.json(["templates", "-c", "ci/bsmlint.yml"], in: tmp.url)
        var status: [String: String] = [:]
        for f in doc.files { status[f["path"] as? String ?? ""] = f["status"] as? String }
        #expect(status == ["templates/drafts/d.html": "skipped", "templates/live/l.html": "checked"])
        // The same file discovered in templates/ would be relative to templates/.
        try tmp.write("templates/.bsmlint.yml", "ignore: [\"drafts/**\"]\n")
        let (_, found) = try BSMLint.json(["templates"], in: tmp.url)
        #expect(found.files.first { $0["path"] as? String == "templates/drafts/d.html" }?["status"] as? String == "skipped")
    }

    @Test func printConfigShowsTheResolvedConfigurationAndWhereItCameFrom() throws {
        let tmp = try TempDir()
        try tmp.write("t/.bsmlint.yml", "referenceWidths: [600, 375]\nmarketplace: amazon.de\nrules:\n  emoji: warning\n  gif-image: off\nignore: [\"drafts/**\"]\n")
        try tmp.write("t/a.html", "<p>x</p>\n")
        let yaml = try BSMLint.run(["check", "--print-config", "t/a.html", "--rule", "img-alt=info"], in: tmp.url)
        #expect(yaml.status == 0, "\(yaml.stderr)")
        #expect(yaml.stdout.contains("configFile: \"t/.bsmlint.yml\"\n"))
        #expect(yaml.stdout.contains("referenceWidths: [600, 375]\n"))
        #expect(yaml.stdout.contains("marketplace: \"amazon.de\"\n"))
        #expect(yaml.stdout.contains("  emoji:\n    severity: \"warning\"\n"))
        #expect(yaml.stdout.contains("  gif-image:\n    severity: \"off\"\n"))
        #expect(yaml.stdout.contains("  img-alt:\n    severity: \"info\"\n"))
        #expect(yaml.stdout.contains("ignore: [\"drafts/**\"]\n"))
        #expect(yaml.stdout.contains("limits:\n  maxFileBytes: 20000000\n"))
        let json = try BSMLint.run(["check", "--print-config", "t/a.html", "-f", "json"], in: tmp.url)
        #expect(json.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(doc["marketplace"] as? String == "amazon.de")
        #expect(doc["referenceWidths"] as? [Double] == [600, 375])
        let rules = try #require(doc["rules"] as? [String: [String: Any]])
        #expect(rules["emoji"]?["severity"] as? String == "warning")
        #expect(rules["insecure-image"]?["severity"] as? String == "error")
        #expect((rules["consecutive-line-breaks"]?["options"] as? [String: Any])?["max"] != nil)
        #expect(doc["configFile"] as? String == "t/.bsmlint.yml")
        // A file with no configuration above it: defaults, configFile null.
        let none = try BSMLint.run(["check", "--print-config", "/nonexistent-dir/x.html", "-f", "json"], in: tmp.url)
        let d2 = try #require(try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [String: Any])
        #expect(d2["configFile"] is NSNull)
        #expect(d2["marketplace"] as? String == "amazon.com")
        // Every setting is printed (audit U): allow-list, spelling words, SP-API type, campaigns.
        try tmp.write("c.yml", "allowedDomains: [ups.com]\nspelling: { words: [Acme] }\nspApiType: createUnexpectedProblem\n"
            + "campaigns:\n  - name: follow-up\n    steps:\n      - { template: a.html, after: 7d from delivery }\n")
        let all = try BSMLint.run(["check", "--print-config", "t/a.html", "-c", "c.yml"], in: tmp.url)
        #expect(all.stdout.contains("allowedDomains: [\"ups.com\"]\n"))
        #expect(all.stdout.contains("spelling:\n  words: [\"Acme\"]\n"))
        #expect(all.stdout.contains("spApiType: \"createUnexpectedProblem\"\n"))
        #expect(all.stdout.contains("  - {name: \"follow-up\", requestAReviewButton: false, steps: [{template: \"a.html\", after: \"7d from delivery\"}]}\n"))
    }
}

@Suite struct ProgressTests {
    static func batch(_ tmp: TempDir) throws {
        let body = String(repeating: "<p>Hello {{name}} <img src=\"https://x.example/a.png\" alt=\"a\"></p>\n", count: 1500)
        for i in 0..<80 { try tmp.write(String(format: "in/%03d.html", i), body) }
        try tmp.write("in/.bsmlint.yml", "onlyRules: [insecure-image, emoji]\n")
    }

    @Test func neverWhenStderrIsNotATerminal() throws {
        let tmp = try TempDir()
        try Self.batch(tmp)
        let r = try BSMLint.run(["check", "-j", "1", tmp.path("in")])
        #expect(r.status == 0)
        #expect(!r.stderr.contains("files/s"))
        #expect(!r.stderr.contains("\r"))
    }

    /// `script` gives bsmlint a pseudo-terminal: the bar appears, unless CI is set.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onATerminalUnlessCI() throws {
        let exe = try #require(BSMLint.executable)
        let tmp = try TempDir()
        try Self.batch(tmp)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CI")
        env["TERM"] = "xterm"
        let cmd = "\(exe.path) check -j 1 -f json=\(tmp.path("r.json")) \(tmp.path("in"))"
        let (status, out) = try runProcess("/usr/bin/script", ["-qec", cmd, "/dev/null"], in: tmp.url, environment: env)
        #expect(status == 0, "\(out)")
        #expect(out.contains("/80 files"), "\(out.suffix(300))")
        #expect(out.contains("files/s  ETA "))
        env["CI"] = "true"
        let (status2, out2) = try runProcess("/usr/bin/script", ["-qec", cmd, "/dev/null"], in: tmp.url, environment: env)
        #expect(status2 == 0)
        #expect(!out2.contains("files/s"), "\(out2.suffix(300))")
    }
}

@Suite struct BaselineExitTests {
    @Test func writingABaselineWithAnUncheckableInputExitsOne() throws {
        let tmp = try TempDir()
        try tmp.write("a.html", httpImage)
        let r = try BSMLint.run(["check", "--only-rule", "insecure-image", "--write-baseline", "b.json", "a.html", "missing.html"], in: tmp.url)
        #expect(r.status == 1, "missing.html is not in the baseline: \(r.stderr)")
        let text = try String(contentsOfFile: tmp.path("b.json"), encoding: .utf8)
        #expect(text.contains("\"path\":\"a.html\""))
        #expect(!text.contains("missing.html"))
    }
}

@Suite struct JUnitRulesPerFileTests {
    @Test func testCasesFollowEachFilesOwnConfiguration() throws {
        let tmp = try TempDir()
        try tmp.write("a/t.html", httpImage)
        try tmp.write("b/.bsmlint.yml", "rules:\n  emoji: off\n")
        try tmp.write("b/t.html", httpImage)
        let r = try BSMLint.run(["check", "-f", "junit", "a", "b"], in: tmp.url)
        #expect(r.status == 1)
        func cases(_ suite: String) throws -> [String] {
            let start = try #require(r.stdout.range(of: "<testsuite name=\"\(suite)\""))
            let end = try #require(r.stdout.range(of: "</testsuite>", range: start.upperBound..<r.stdout.endIndex))
            let body = r.stdout[start.upperBound..<end.lowerBound]
            return body.components(separatedBy: "<testcase ").dropFirst().compactMap { c in
                // A finding's test case is `rule-id at line:column`: its rule.
                c.range(of: " name=\"").map { String(c[$0.upperBound...].prefix { $0 != "\"" && $0 != " " }) }
            }
        }
        let a = try cases("a/t.html"), b = try cases("b/t.html")
        #expect(a.contains("emoji") && a.contains("insecure-image"))
        #expect(!b.contains("emoji"), "emoji is off in b/.bsmlint.yml")
        #expect(b.contains("insecure-image"))
        #expect(Set(a).count == Set(b).count + 1)
    }
}
