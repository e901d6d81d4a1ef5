import Foundation
import Testing

/// `check --shard K/N` and `bsmlint merge` (issue 7): the shards' reports merged equal one
/// unsharded run, and bad merges are refused with the reason.
struct MergeTests {
    let samples = BSMLint.repo.appendingPathComponent("Fixtures/samples").path

    func object(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// JSON with sorted keys, for comparing parsed documents.
    func canon(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func shardsMergedEqualOneRun() throws {
        let tmp = try TempDir()
        let whole = try BSMLint.run(["check", "--format", "json", "-o", tmp.path("all.json"), samples])
        #expect(whole.status == 1)
        var shardFiles: [String] = []
        var seen = 0
        for k in 1...3 {
            let out = tmp.path("s\(k).jsonl")
            let r = try BSMLint.run(["check", "--shard", "\(k)/3", "--format", "jsonl", "-o", out, samples])
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
            seen += try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count - 1
            shardFiles.append(out)
        }
        #expect(seen == 4, "the shards hold every sample once")
        let m = try BSMLint.run(["merge", "-o", tmp.path("merged.json")] + shardFiles.reversed())
        #expect(m.status == 1, "errors in the samples: exit 1; \(m.stderr)")
        let all = try object(tmp.path("all.json")), merged = try object(tmp.path("merged.json"))
        let a = try #require(all["files"] as? [[String: Any]]), b = try #require(merged["files"] as? [[String: Any]])
        #expect(a.map { $0["path"] as? String } == b.map { $0["path"] as? String })
        #expect(try canon(a) == canon(b), "file entries identical, findings and fingerprints included")
        var sa = try #require(all["summary"] as? [String: Any]), sb = try #require(merged["summary"] as? [String: Any])
        sa["durationMs"] = nil
        sb["durationMs"] = nil
        #expect(try canon(sa) == canon(sb))
        #expect(try canon(try #require(all["settings"])) == canon(try #require(merged["settings"])))
        // Other formats from the same merge.
        let sarif = try BSMLint.run(["merge", "--format", "sarif"] + shardFiles)
        #expect(sarif.stdout.contains("\"version\":\"2.1.0\"") || sarif.stdout.contains("\"version\": \"2.1.0\""))
    }

    /// Every summary field of the merged report equals the unsharded run's but durationMs:
    /// errors, warnings, infos, input errors, skipped files, byRule, complete, and
    /// `baselineSuppressed`, which only the shards' summaries know (it was dropped; audit G,
    /// bug 4). The github summary line, which shows it, agrees too.
    @Test func everySummaryFieldSurvivesTheMerge() throws {
        let tmp = try TempDir()
        let page = "<p>Order 123-1234567-1234567 \u{1F600}</p>\n<img src=\"http://a.example/x.png\" alt=\"Blue widget\">\n"
        for k in 0..<8 { try tmp.write("t/p\(k).html", page) }
        try tmp.write("t/binary.html", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))
        try tmp.write("t/drafts/d.html", page)
        try tmp.write("t/.bsmlint.yml", "ignore: [\"drafts/**\"]\nrules:\n  emoji: warning\n  insecure-image: info\n")
        let known = (0..<3).map { "t/p\($0).html" }
        let b = try BSMLint.run(["check", "--write-baseline", "base.json"] + known, in: tmp.url)
        #expect(b.status == 0, "\(b.stderr)")
        let args = ["check", "--baseline", "base.json", "t"]
        _ = try BSMLint.run(args + ["-f", "json", "-o", "all.json", "-f", "github=all.github"], in: tmp.url)
        var shardLines = 0
        for k in 1...2 {
            let r = try BSMLint.run(args + ["--shard", "\(k)/2", "-f", "jsonl", "-o", "s\(k).jsonl"], in: tmp.url)
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
            let lines = try String(contentsOfFile: tmp.path("s\(k).jsonl"), encoding: .utf8).split(separator: "\n")
            #expect(lines.count > 1, "shard \(k) holds files (paths are relative, so this does not depend on the checkout)")
            shardLines += lines.count - 1
        }
        #expect(shardLines == 10)
        let m = try BSMLint.run(["merge", "s1.jsonl", "s2.jsonl", "-f", "json", "-o", "merged.json", "-f", "github=merged.github"], in: tmp.url)
        #expect(m.status == 1, "\(m.stderr)")
        var whole = try object(tmp.path("all.json")).summary, merged = try object(tmp.path("merged.json")).summary
        whole["durationMs"] = nil
        merged["durationMs"] = nil
        #expect(try canon(whole) == canon(merged))
        // The run exercised every field.
        #expect(whole["baselineSuppressed"] as? Int ?? 0 > 0)
        #expect(whole["skipped"] as? Int == 1 && whole["inputErrors"] as? Int == 1 && whole["files"] as? Int == 10)
        for key in ["errors", "warnings", "infos", "filesWithErrors", "filesWithWarnings"] {
            #expect(whole[key] as? Int ?? 0 > 0, "\(key)")
        }
        let lastLine = { (name: String) throws -> String? in
            try String(contentsOfFile: tmp.path(name), encoding: .utf8).split(separator: "\n").last.map(String.init)
        }
        let githubLine = try lastLine("all.github")
        #expect(githubLine?.contains("more in the baseline)") == true, "\(githubLine ?? "")")
        #expect(try lastLine("merged.github") == githubLine)
    }

    /// JUnit lists a test case per rule that ran. A merge lists the same ones as the unsharded
    /// run: not every rule (it listed all 46 as passing even with --only-rule or --rule x=off;
    /// audit G, bug 5), including a directory whose own .bsmlint.yml turns a rule off (unless
    /// `--only-rule` names it: the command line wins).
    @Test(arguments: [["--only-rule", "insecure-image"], ["--rule", "emoji=off"], []])
    func mergedJUnitListsTheRulesThatRan(_ options: [String]) throws {
        let tmp = try TempDir()
        let page = "<p>Order 123-1234567-1234567 \u{1F600}</p>\n<img src=\"http://a.example/x.png\" alt=\"Blue widget\">\n"
        for k in 0..<6 { try tmp.write("t/a/p\(k).html", page) }
        for k in 0..<6 { try tmp.write("t/b/p\(k).html", page) }
        try tmp.write("t/b/.bsmlint.yml", "rules:\n  insecure-image: off\n")
        func normalised(_ s: String) -> String { s.replacing(try! Regex(#" time="[-0-9.eE+]+""#), with: #" time="0""#) }
        let direct = try BSMLint.run(["check", "t", "-f", "junit"] + options, in: tmp.url)
        #expect(direct.status == 1, "\(direct.stderr)")
        for k in 1...2 {
            let r = try BSMLint.run(["check", "t", "--shard", "\(k)/2", "-f", "jsonl", "-o", "s\(k).jsonl"] + options, in: tmp.url)
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        }
        let merged = try BSMLint.run(["merge", "s1.jsonl", "s2.jsonl", "-f", "junit"], in: tmp.url)
        #expect(merged.status == 1, "\(merged.stderr)")
        #expect(normalised(merged.stdout) == normalised(direct.stdout))
        let suites = merged.stdout.components(separatedBy: "<testsuite ").dropFirst()
        #expect(suites.count == 12)
        for suite in suites {
            let inB = suite.hasPrefix("name=\"t/b/")
            // `--only-rule` on the command line runs the rule even where a file turns it off.
            #expect(suite.contains("name=\"insecure-image") == (!inB || options.first == "--only-rule"), "\(suite.prefix(60))")
            #expect(suite.contains("name=\"emoji") == (options.isEmpty), "\(suite.prefix(60))")
        }
    }

    @Test func refusesOverlapsMismatchesAndJunk() throws {
        let tmp = try TempDir()
        let a = tmp.path("a.json"), b = tmp.path("b.json"), w = tmp.path("w.json")
        _ = try BSMLint.run(["check", "--format", "json", "-o", a, samples])
        _ = try BSMLint.run(["check", "--format", "json", "-o", b, samples])
        _ = try BSMLint.run(["check", "--format", "json", "--reference-width", "480", "-o", w, samples])
        let twice = try BSMLint.run(["merge", a, b])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("is in both"))
        let widths = try BSMLint.run(["merge", a, w])
        #expect(widths.status == 2)
        #expect(widths.stderr.contains("other settings"))
        let junk = try tmp.write("junk.json", "hello\n")
        let j = try BSMLint.run(["merge", junk])
        #expect(j.status == 2)
        #expect(j.stderr.contains("junk.json:1: not a JSON object"))
        let missing = try BSMLint.run(["merge", tmp.path("nope.jsonl")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.jsonl: cannot read"))
        #expect(try BSMLint.run(["check", "--shard", "4/3", samples]).status == 2)
    }

    @Test func aKilledShardMakesTheMergeIncomplete() throws {
        let tmp = try TempDir()
        let full = tmp.path("s1.jsonl")
        // Inputs of our own, added until both shards hold some: which shard a file lands in
        // depends on its path, so the four samples may all fall in one shard in some checkouts.
        var lines: [Substring] = []
        for batch in 0..<4 {
            for k in 0..<16 { try tmp.write("in/t\(batch)-\(k).html", "<p>Order \(k)</p>") }
            _ = try BSMLint.run(["check", "--shard", "1/2", "--format", "jsonl", "-o", full, tmp.path("in")])
            _ = try BSMLint.run(["check", "--shard", "2/2", "--format", "jsonl", "-o", tmp.path("s2.jsonl"), tmp.path("in")])
            lines = try String(contentsOfFile: tmp.path("s2.jsonl"), encoding: .utf8).split(separator: "\n")
            let firstShard = try String(contentsOfFile: full, encoding: .utf8).split(separator: "\n")
            if lines.count > 1, firstShard.count > 1 { break }
        }
        #expect(lines.count > 1, "shard 2 holds files")
        // Shard 2 killed before its summary line: its files are kept, the run is incomplete.
        let cut = try tmp.write("cut.jsonl", lines.dropLast().joined(separator: "\n") + "\n")
        let m = try BSMLint.run(["merge", "--format", "json", full, cut])
        #expect(m.status == 1)
        #expect(m.stderr.contains("incomplete shard report"))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(m.stdout.utf8)) as? [String: Any])
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(summary["complete"] as? Bool == false)
        #expect(summary["files"] as? Int == lines.count - 1 + (try String(contentsOfFile: full, encoding: .utf8).split(separator: "\n").count - 1))
        // Cut off in the middle of a line (audit U): the lines before it are merged, incomplete.
        let partial = lines.dropLast().joined(separator: "\n") + "\n" + String(lines[lines.count - 1].prefix(20))
        let midLine = try tmp.write("mid.jsonl", partial)
        let m2 = try BSMLint.run(["merge", "--format", "json", full, midLine])
        #expect(m2.status == 1, "\(m2.stderr)")
        #expect(m2.stderr.contains("cut off mid-way"))
        let doc2 = try #require(try JSONSerialization.jsonObject(with: Data(m2.stdout.utf8)) as? [String: Any])
        #expect((doc2["summary"] as? [String: Any])?["complete"] as? Bool == false)
        #expect((doc2["summary"] as? [String: Any])?["files"] as? Int == summary["files"] as? Int)
        // Junk in the middle of a report is still refused.
        let junk = try tmp.write("junk.jsonl", "not json\n" + lines.joined(separator: "\n") + "\n")
        #expect(try BSMLint.run(["merge", "--format", "json", full, junk]).status == 2)
    }

    // MARK: shard bookkeeping (audit M, M1) and --max-warnings / --quiet (audit M, M6)

    /// Templates in `t/` (some with an emoji, some with an http image too) and the reports of
    /// `check t --shard K/count` for every K, as `s1.jsonl`… Which shard a file lands in depends
    /// on its path only, so with 12 files every shard of 3 holds some in practice; the tests
    /// below do not depend on it (an empty shard still writes its summary line).
    func makeShards(_ tmp: TempDir, count: Int, options: [String] = [], format: String = "jsonl") throws -> [String] {
        let emoji = "<p>Order 123-1234567-1234567 \u{1F600}</p>\n"
        let image = "<img src=\"http://a.example/x.png\" alt=\"Blue widget\">\n"
        for k in 0..<8 { try tmp.write("t/w\(k).html", emoji) }
        for k in 0..<4 { try tmp.write("t/e\(k).html", emoji + image) }
        var names: [String] = []
        for k in 1...count {
            let name = "s\(k).\(format)"
            let r = try BSMLint.run(["check", "t", "--shard", "\(k)/\(count)", "-f", format, "-o", name] + options, in: tmp.url)
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
            names.append(name)
        }
        return names
    }

    func settings(_ doc: [String: Any]) -> [String: Any] { (doc["settings"] as? [String: Any]) ?? [:] }

    /// The summary line of a JSONL report, parsed.
    func summaryLine(_ path: String) throws -> [String: Any] {
        let last = try #require(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").last)
        return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    }

    @Test func shardReportsSayWhichShardTheyAre() throws {
        let tmp = try TempDir()
        let jsonl = try makeShards(tmp, count: 3)
        for (k, name) in jsonl.enumerated() {
            let shard = settings(try summaryLine(tmp.path(name)))["shard"] as? [String: Any]
            #expect(shard?["index"] as? Int == k + 1 && shard?["count"] as? Int == 3, "\(name): \(String(describing: shard))")
        }
        let json = try BSMLint.run(["check", "t", "--shard", "2/3", "-f", "json", "-o", "s2.json"], in: tmp.url)
        #expect(json.status == 0 || json.status == 1, "\(json.stderr)")
        let shard = settings(try object(tmp.path("s2.json")))["shard"] as? [String: Any]
        #expect(shard?["index"] as? Int == 2 && shard?["count"] as? Int == 3)
        // An unsharded run, and the merge of all shards (no longer one shard), carry none.
        let (_, whole) = try BSMLint.json(["t"], in: tmp.url)
        #expect(settings(whole)["shard"] == nil)
        let m = try BSMLint.run(["merge", "-f", "json", "-o", "merged.json"] + jsonl, in: tmp.url)
        #expect(m.status == 1, "\(m.stderr)")
        #expect(m.stderr.isEmpty, "\(m.stderr)")
        let merged = try object(tmp.path("merged.json"))
        #expect(settings(merged)["shard"] == nil)
        #expect(merged.summary["complete"] as? Bool == true)
        #expect(merged.summary["files"] as? Int == 12)
    }

    /// A shard whose job died before it wrote (or uploaded) its report is simply not matched by
    /// `merge shard-*.jsonl`: the merge names it, writes the report with complete: false and exits 2.
    @Test(arguments: ["jsonl", "json"])
    func aMissingShardFailsTheMerge(_ format: String) throws {
        let tmp = try TempDir()
        let names = try makeShards(tmp, count: 3, format: format)
        let m = try BSMLint.run(["merge", names[0], names[1], "-f", "json", "-o", "m.json"], in: tmp.url)
        #expect(m.status == 2, "\(m.stderr)")
        #expect(m.stderr.contains("bsmlint merge: shard 3 of 3 is missing"), "\(m.stderr)")
        #expect(m.stderr.contains("complete: false"), "\(m.stderr)")
        let doc = try object(tmp.path("m.json"))
        #expect(doc.summary["complete"] as? Bool == false)
        let inShard3 = try BSMLint.run(["check", "t", "--shard", "3/3", "-f", "json"], in: tmp.url)
        let lost = (try JSONSerialization.jsonObject(with: Data(inShard3.stdout.utf8)) as? [String: Any])?.files.count ?? -1
        #expect(doc.summary["files"] as? Int == 12 - lost, "the shards given are merged")
        // Two missing, named together; the text report goes to stdout as usual.
        let two = try BSMLint.run(["merge", names[1], "-f", "text"], in: tmp.url)
        #expect(two.status == 2)
        #expect(two.stderr.contains("shards 1, 3 of 3 are missing"), "\(two.stderr)")
        // All three: complete, and no shard complaint.
        let all = try BSMLint.run(["merge"] + names + ["-f", "json"], in: tmp.url)
        #expect(all.status == 1, "errors in the templates; \(all.stderr)")
        #expect(all.stderr.isEmpty, "\(all.stderr)")
    }

    @Test func aRepeatedShardOrAnotherCountFailsTheMerge() throws {
        let tmp = try TempDir()
        let names = try makeShards(tmp, count: 3)
        // The same shard twice (a re-run job uploading under another name): merged once,
        // reported, exit 2.
        try FileManager.default.copyItem(atPath: tmp.path(names[0]), toPath: tmp.path("again.jsonl"))
        let twice = try BSMLint.run(["merge"] + names + ["again.jsonl", "-f", "json", "-o", "m.json"], in: tmp.url)
        #expect(twice.status == 2, "\(twice.stderr)")
        #expect(twice.stderr.contains("shard 1/3 is given twice, in s1.jsonl and again.jsonl"), "\(twice.stderr)")
        #expect(!twice.stderr.contains("is in both"), "\(twice.stderr)")
        let doc = try object(tmp.path("m.json"))
        #expect(doc.summary["complete"] as? Bool == false)
        #expect(doc.summary["files"] as? Int == 12, "every file once")
        // A shard of another split (--shard K/2 beside K/3).
        let other = try BSMLint.run(["check", "t", "--shard", "1/2", "-f", "jsonl", "-o", "half.jsonl"], in: tmp.url)
        #expect(other.status == 0 || other.status == 1)
        let mixed = try BSMLint.run(["merge", names[0], "half.jsonl", "-f", "json"], in: tmp.url)
        #expect(mixed.status == 2, "\(mixed.stderr)")
        #expect(mixed.stderr.contains("different shard counts (s1.jsonl is shard 1/3, half.jsonl is shard 1/2)"), "\(mixed.stderr)")
        // A report without shard information beside shard reports cannot stand for a missing one.
        let whole = try BSMLint.run(["check", "t/w0.html", "-f", "jsonl", "-o", "unsharded.jsonl"], in: tmp.url)
        #expect(whole.status == 0 || whole.status == 1)
        let unnamed = try BSMLint.run(["merge", names[0], names[1], "unsharded.jsonl", "-f", "json"], in: tmp.url)
        #expect(unnamed.status == 2, "\(unnamed.stderr)")
        #expect(unnamed.stderr.contains("unsharded.jsonl does not say which shard it is"), "\(unnamed.stderr)")
        // A malformed shard object is refused with the place.
        let bad = try String(contentsOfFile: tmp.path(names[2]), encoding: .utf8)
            .replacingOccurrences(of: #""index":3"#, with: #""index":4"#)
        try tmp.write("bad.jsonl", bad)
        let b = try BSMLint.run(["merge", names[0], names[1], "bad.jsonl"], in: tmp.url)
        #expect(b.status == 2)
        #expect(b.stderr.contains("bad.jsonl:"), "\(b.stderr)")
        #expect(b.stderr.contains("settings.shard must be"), "\(b.stderr)")
    }

    /// Reports without `settings.shard` (bsmlint before it was recorded) merge as before: no
    /// check of the set of shards.
    @Test func reportsWithoutShardInformationMergeAsBefore() throws {
        let tmp = try TempDir()
        let names = try makeShards(tmp, count: 3)
        var old: [String] = []
        for name in names.prefix(2) {
            var lines = try String(contentsOfFile: tmp.path(name), encoding: .utf8).split(separator: "\n").map(String.init)
            var summary = try #require(try JSONSerialization.jsonObject(with: Data(lines.removeLast().utf8)) as? [String: Any])
            var s = settings(summary)
            #expect(s.removeValue(forKey: "shard") != nil)
            summary["settings"] = s
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: summary), as: UTF8.self))
            old.append(try tmp.write("old-\(name)", lines.joined(separator: "\n") + "\n"))
        }
        let m = try BSMLint.run(["merge", "-f", "json"] + old, in: tmp.url)
        #expect(m.status == 1, "\(m.stderr)")
        #expect(m.stderr.isEmpty, "\(m.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(m.stdout.utf8)) as? [String: Any])
        #expect(doc.summary["complete"] as? Bool == true)
    }

    /// `merge --max-warnings N` gates the whole batch as `check --max-warnings N` gates one run
    /// (each shard's own --max-warnings would allow N per shard): same exit status, same count.
    @Test func maxWarningsGatesTheMergedBatch() throws {
        let tmp = try TempDir()
        let options = ["--only-rule", "emoji", "--rule", "emoji=warning"]
        let names = try makeShards(tmp, count: 2, options: options)
        let whole = try BSMLint.run(["check", "t", "-f", "json"] + options, in: tmp.url)
        #expect(whole.status == 0, "warnings only; \(whole.stderr)")
        let total = (try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any])?.summary["warnings"] as? Int
        #expect(total == 12)
        for (max, status) in [(0, Int32(1)), (11, 1), (12, 0), (100, 0)] {
            let c = try BSMLint.run(["check", "t", "--max-warnings", "\(max)", "-f", "json", "-o", "c.json"] + options, in: tmp.url)
            let m = try BSMLint.run(["merge", "--max-warnings", "\(max)", "-f", "json", "-o", "m.json"] + names, in: tmp.url)
            #expect(c.status == status && m.status == status, "--max-warnings \(max): check \(c.status), merge \(m.status); \(m.stderr)")
            if status == 1 {
                #expect(m.stderr.contains("bsmlint merge: 12 warnings, more than --max-warnings \(max)"), "\(m.stderr)")
            } else {
                #expect(m.stderr.isEmpty, "\(m.stderr)")
            }
            #expect(try object(tmp.path("m.json")).summary["complete"] as? Bool == true, "the report is written either way")
        }
        let none = try BSMLint.run(["merge"] + names + ["-f", "json"], in: tmp.url)
        #expect(none.status == 0, "without --max-warnings, warnings pass")
        let negative = try BSMLint.run(["merge", "--max-warnings=-2"] + names, in: tmp.url)
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--max-warnings must be 0 or more"), "\(negative.stderr)")
        #expect(try BSMLint.run(["merge", "--max-warnings=-1", "-f", "json"] + names, in: tmp.url).status == 0, "-1: no limit")
        #expect(try BSMLint.run(["merge", "--max-warnings", "-1", "-f", "json"] + names, in: tmp.url).status == 0, "written apart too")
    }

    /// `merge --quiet` leaves warnings and infos out of every format and the summary, as
    /// `check --quiet` does, so `--quiet --max-warnings 0` passes, and errors still fail.
    @Test func quietReportsErrorsOnlyAsCheckDoes() throws {
        let tmp = try TempDir()
        let options = ["--only-rule", "emoji", "--only-rule", "insecure-image", "--rule", "emoji=warning"]
        let names = try makeShards(tmp, count: 2, options: options)
        let check = try BSMLint.run(["check", "t", "--quiet", "--max-warnings", "0", "-f", "json"] + options, in: tmp.url)
        let merge = try BSMLint.run(["merge", "--quiet", "--max-warnings", "0", "-f", "json"] + names, in: tmp.url)
        #expect(check.status == 1 && merge.status == 1, "errors remain; \(merge.stderr)")
        #expect(!merge.stderr.contains("more than --max-warnings"), "\(merge.stderr)")
        let a = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(merge.stdout.utf8)) as? [String: Any])
        #expect(b.summary["warnings"] as? Int == 0 && b.summary["errors"] as? Int == 4)
        #expect(b.files.allSatisfy { $0.findings.allSatisfy { $0["severity"] as? String == "error" } })
        #expect(try canon(a.files) == canon(b.files))
        var sa = a.summary, sb = b.summary
        sa["durationMs"] = nil
        sb["durationMs"] = nil
        #expect(try canon(sa) == canon(sb))
        // Other formats drop the warnings too.
        let text = try BSMLint.run(["merge", "--quiet", "-f", "text"] + names, in: tmp.url)
        #expect(text.stdout.contains("[insecure-image]") && !text.stdout.contains("[emoji]"), "\(text.stdout.prefix(400))")
        let loud = try BSMLint.run(["merge", "-f", "text"] + names, in: tmp.url)
        #expect(loud.stdout.contains("[emoji]"))
    }
}
