import Foundation
import Testing

@Suite struct InputTests {
    @Test func directoryArgumentListsEveryTemplate() throws {
        let (r, doc) = try BSMLint.json(["Fixtures/cli/tree"])
        #expect(r.status == 1)
        // Sorted walk; .md files and hidden directories are not templates.
        #expect(doc.files.compactMap { $0["path"] as? String }
                == ["Fixtures/cli/tree/a.html", "Fixtures/cli/tree/sub/b.txt", "Fixtures/cli/tree/sub/c.htm"])
        #expect(doc.files.compactMap { $0["kind"] as? String } == ["html", "text", "html"])
        #expect(doc.files.allSatisfy { $0["status"] as? String == "checked" })
        // A file named again (directly, or by another spelling of its path) is reported once.
        let (_, again) = try BSMLint.json(["Fixtures/cli/tree", "Fixtures/cli/tree/a.html", "./Fixtures/cli/tree/sub/../a.html"])
        #expect(again.files.count == 3)
    }

    @Test func globsExpandSortedAndAnEmptyGlobIsReported() throws {
        let (r, doc) = try BSMLint.json(["Fixtures/cli/c*.html", "Fixtures/cli/nothing-*.html"])
        #expect(r.status == 1)
        #expect(doc.files.compactMap { $0["path"] as? String }
                == ["Fixtures/cli/clean.html", "Fixtures/cli/crlf.html", "Fixtures/cli/nothing-*.html"])
        #expect(doc.files.last?.ruleIds == ["input-error"])
        #expect((doc.files.last?.findings.first?["message"] as? String)?.contains("no file matches") == true)
    }

    @Test func missingAndUnreadableInputsAreReportedAndTheBatchGoesOn() throws {
        let tmp = try TempDir()
        let good = try tmp.write("good.html", "<p>hello {{name}}</p>\n")
        let bad = try tmp.write("bad.html", "<img src=\"http://x.example/y.png\" alt=\"y\">\n")
        let binary = try tmp.write("image.html", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))
        let dangling = tmp.path("dangling.html")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: tmp.path("nowhere.html"))
        let missing = tmp.path("missing.html")
        try tmp.write(".bsmlint.yml", "onlyRules: [insecure-image, emoji]\n")
        let (r, doc) = try BSMLint.json([missing, good, dangling, binary, bad])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(doc.files.compactMap { $0["path"] as? String } == [missing, good, dangling, binary, bad])
        #expect(doc.files.compactMap { $0["status"] as? String } == ["error", "checked", "error", "error", "checked"])
        for i in [0, 2, 3] {
            let f = doc.files[i]
            #expect(f.ruleIds == ["input-error"], "\(f)")
            #expect(f["encoding"] is NSNull)
            #expect(((f.findings.first?["message"] as? String) ?? "").isEmpty == false)
        }
        #expect((doc.files[0].findings.first?["message"] as? String)?.contains("no such file") == true)
        #expect((doc.files[2].findings.first?["message"] as? String)?.contains("symbolic link") == true)
        #expect((doc.files[3].findings.first?["message"] as? String)?.contains("PNG") == true)
        #expect(doc.files[4].ruleIds == ["insecure-image"], "files after the errors are still checked")
        #expect(doc.summary["inputErrors"] as? Int == 3)
        #expect(doc.summary["errors"] as? Int == 4)
        #expect(doc.summary["files"] as? Int == 5)
    }

    @Test(.enabled(if: Unprivileged.unavailableReason == nil, "\(Unprivileged.unavailableReason ?? "")"))
    func permissionDeniedFileIsAnInputError() throws {
        let tmp = try TempDir()
        chmod(tmp.url.path, 0o755)
        let locked = try tmp.write("locked.html", "<p>x</p>\n")
        chmod(locked, 0)
        let (r, doc) = try BSMLint.json([locked, "Fixtures/cli/clean.html"], unprivileged: true)
        #expect(r.status == 1)
        #expect(doc.files.compactMap { $0["status"] as? String } == ["error", "checked"])
        #expect((doc.files[0].findings.first?["message"] as? String)?.lowercased().contains("permission") == true)
    }

    /// A path that does not lead to a file says why, from errno: a file used as a directory
    /// and a symbolic-link loop are not "no such file or directory" (audit G, bug 10).
    @Test func unreachablePathsSayWhy() throws {
        let tmp = try TempDir()
        let file = try tmp.write("page.html", "<p>x</p>\n")
        try FileManager.default.createSymbolicLink(atPath: tmp.path("loop-a"), withDestinationPath: tmp.path("loop-b"))
        try FileManager.default.createSymbolicLink(atPath: tmp.path("loop-b"), withDestinationPath: tmp.path("loop-a"))
        let (r, doc) = try BSMLint.json([file + "/x.html", tmp.path("loop-a") + "/x.html", tmp.path("missing/x.html")])
        #expect(r.status == 1)
        let messages = doc.files.map { $0.findings.first?["message"] as? String }
        #expect(messages == ["cannot read the file: Not a directory",
                             "cannot read the file: Too many levels of symbolic links",
                             "no such file or directory"])
    }

    /// A file in a directory that cannot be searched (mode 000) is not missing: the report says
    /// permission was denied, for a file named on the command line and for one found by a
    /// directory walk (a directory that can be listed, mode r--, but not searched). Root ignores
    /// permissions, so as root bsmlint runs as nobody (setpriv).
    @Test(.enabled(if: Unprivileged.unavailableReason == nil, "\(Unprivileged.unavailableReason ?? "")"))
    func fileInAnUnsearchableDirectoryIsPermissionDenied() throws {
        let tmp = try TempDir()
        chmod(tmp.url.path, 0o755)
        let closed = try tmp.write("closed/y.html", "<p>x</p>\n")
        chmod(tmp.path("closed"), 0)
        try tmp.write("listed/z.html", "<p>x</p>\n")
        chmod(tmp.path("listed"), 0o444)
        defer {
            chmod(tmp.path("closed"), 0o755)
            chmod(tmp.path("listed"), 0o755)
        }
        let r = try BSMLint.run(["check", "--format", "json", closed, tmp.path("listed")], unprivileged: true)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        #expect(r.status == 1, "\(r.stderr)")
        #expect(doc.files.map { $0["path"] as? String } == [closed, tmp.path("listed/z.html")])
        for f in doc.files {
            #expect(f["status"] as? String == "error")
            #expect(f.findings.first?["message"] as? String
                    == "cannot read the file: Permission denied (a directory on its path cannot be searched)")
        }
    }

    @Test func textReportListsInputErrorsToo() throws {
        let r = try BSMLint.run(["check", "Fixtures/cli/no-such-file.html", "Fixtures/cli/clean.html"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("Fixtures/cli/no-such-file.html:1:1 error no such file or directory [input-error]"))
        #expect(r.stdout.hasSuffix("in 2 files, 1 could not be checked\n"))
    }

    /// `--stdin-filename` names a path like any other: `.bsmlintignore` and the `ignore` list
    /// of the configuration it selects skip it, as they skip `bsmlint check FILE` (it was checked;
    /// audit G). Standard input without a name is never ignored.
    @Test func stdinFilenameHonoursIgnoreRules() throws {
        let tmp = try TempDir()
        try tmp.write(".bsmlintignore", "vendor/\n")
        try tmp.write("t/.bsmlint.yml", "ignore: [\"drafts/**\"]\n")
        let bad = Data("<img src=\"http://x.example/a.png\" alt=\"Blue mug\">\n".utf8)
        for (name, pattern) in [("vendor/z.html", "'vendor/' in "), ("t/drafts/a.html", "'drafts/**' in ")] {
            let (r, doc) = try BSMLint.json(["-", "--stdin-filename", name], stdin: bad, in: tmp.url)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let f = try #require(doc.files.first)
            #expect(f["path"] as? String == name)
            #expect(f["status"] as? String == "skipped")
            #expect((f["reason"] as? String)?.contains(pattern) == true, "\(f)")
            #expect(doc.summary["skipped"] as? Int == 1)
            // The same as naming the file.
            try tmp.write(name, bad)
            let (_, named) = try BSMLint.json([name], in: tmp.url)
            #expect(named.files.first?["status"] as? String == "skipped")
        }
        let (checked, doc) = try BSMLint.json(["-", "--stdin-filename", "t/ok.html", "--only-rule", "insecure-image"], stdin: bad, in: tmp.url)
        #expect(checked.status == 1)
        #expect(doc.files.first?["status"] as? String == "checked")
        try tmp.write(".bsmlintignore", "*\n")
        let (unnamed, plain) = try BSMLint.json(["-", "--only-rule", "insecure-image"], stdin: bad, in: tmp.url)
        #expect(unnamed.status == 1)
        #expect(plain.files.first?["status"] as? String == "checked", "standard input without a name is not a path")
    }

    @Test func stdinWithAFilename() throws {
        let bytes = try Data(contentsOf: BSMLint.fixtures.appendingPathComponent("http-image.html"))
        let (r, doc) = try BSMLint.json(["-", "--stdin-filename", "x.html", "--only-rule", "insecure-image", "--only-rule", "emoji"], stdin: bytes)
        #expect(r.status == 1)
        let f = try #require(doc.files.first)
        #expect(doc.files.count == 1)
        #expect(f["path"] as? String == "x.html")
        #expect(f["kind"] as? String == "html")
        #expect(f["bytes"] as? Int == bytes.count)
        #expect(f.ruleIds == ["insecure-image", "insecure-image"])
        #expect(f.findings.first?["line"] as? Int == 4 && f.findings.first?["column"] as? Int == 2)
    }

    @Test func stdinKindFollowsTheFilename() throws {
        let text = Data("Hello <b>not html</b> 📦\n".utf8)
        let (_, asText) = try BSMLint.json(["-", "--stdin-filename", "note.txt", "--only-rule", "emoji", "--only-rule", "insecure-image"], stdin: text)
        #expect(asText.files.first?["kind"] as? String == "text")
        #expect(asText.files.first?.ruleIds == ["emoji"])
        let (_, unnamed) = try BSMLint.json(["-"], stdin: Data("<p>hi</p>\n".utf8))
        #expect(unnamed.files.first?["path"] as? String == "<stdin>")
        #expect(unnamed.files.first?["kind"] as? String == "html", "sniffed from the content")
        #expect(unnamed.files.first?["status"] as? String == "checked")
    }

    @Test func windows1252AndCRLFPositions() throws {
        let (_, doc) = try BSMLint.json(["Fixtures/cli/windows-1252.html", "Fixtures/cli/crlf.html"])
        let w = doc.files[0], c = doc.files[1]
        #expect(w["encoding"] as? String == "windows-1252")
        #expect((w["notes"] as? [String])?.first?.contains("windows-1252") == true)
        let wf = try #require(w.findings.first)
        #expect(wf["line"] as? Int == 4 && wf["column"] as? Int == 1 && wf["offset"] as? Int == 57 && wf["length"] as? Int == 54)
        #expect(wf["evidence"] as? String == "src=\"http://cdn.example.com/café.png\"")
        #expect(c["encoding"] as? String == "utf-8")
        let cf = try #require(c.findings.first)
        #expect(cf["line"] as? Int == 4 && cf["column"] as? Int == 7 && cf["offset"] as? Int == 43 && cf["length"] as? Int == 42)
        #expect(cf["endLine"] as? Int == 4 && cf["endColumn"] as? Int == 49)
        #expect(cf["snippet"] as? String == "<img src=\"http://a.example/x.png\" alt=\"x\">")
        // Offsets are byte positions in the original file.
        let bytes = try Data(contentsOf: BSMLint.fixtures.appendingPathComponent("crlf.html"))
        #expect(String(decoding: bytes[43..<(43 + 42)], as: UTF8.self) == "<img src=\"http://a.example/x.png\" alt=\"x\">")
    }

    @Test func filesIgnoredByConfigAreListedAsSkipped() throws {
        let tmp = try TempDir()
        try tmp.write(".bsmlint.yml", "onlyRules: [insecure-image]\nignore:\n  - \"drafts/**\"\n")
        try tmp.write("a.html", "<p>hello</p>\n")
        try tmp.write("drafts/b.html", "<img src=\"http://x.example/y.png\" alt=\"y\">\n")
        let (r, doc) = try BSMLint.json(["."], in: tmp.url)
        #expect(r.status == 0, "a skipped file is not checked, so its http image does not count")
        #expect(doc.files.compactMap { $0["path"] as? String } == ["./a.html", "./drafts/b.html"])
        let skipped = doc.files[1]
        #expect(skipped["status"] as? String == "skipped")
        #expect(skipped.findings.isEmpty)
        let reason = try #require(skipped["reason"] as? String)
        #expect(reason.contains("drafts/**"))
        #expect(!reason.contains("/./"), "the configuration path is standardised: \(reason)")
        #expect(doc.summary["skipped"] as? Int == 1 && doc.summary["files"] as? Int == 2)
        let text = try BSMLint.run(["check", "."], in: tmp.url)
        #expect(text.stdout == "✔ no problems in 2 files, 1 skipped\n")
    }

    /// A file name that is not UTF-8 cannot be opened through Swift strings: it is still listed,
    /// with a reason that says so (not "broken symbolic link"), and the batch goes on.
    @Test func nonUTF8FileNameIsAnInputErrorThatSaysWhy() throws {
        let tmp = try TempDir()
        var raw = Array(tmp.url.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".html".utf8) + [0]
        let fd = raw.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
        }
        try #require(fd >= 0)
        close(fd)
        defer { _ = raw.withUnsafeMutableBufferPointer { buf in buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { unlink($0) } } }
        try tmp.write("ok.html", "<p>hello</p>\n")
        let (r, doc) = try BSMLint.json(["."], in: tmp.url)
        #expect(r.status == 1)
        #expect(doc.files.count == 2)
        let bad = try #require(doc.files.first { $0["status"] as? String == "error" })
        #expect((bad["path"] as? String)?.hasPrefix("./caf") == true)
        #expect((bad.findings.first?["message"] as? String)?.contains("not valid UTF-8") == true)
        #expect(doc.files.contains { $0["path"] as? String == "./ok.html" && $0["status"] as? String == "checked" })
    }
}
