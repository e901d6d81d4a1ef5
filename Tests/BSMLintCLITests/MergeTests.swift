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
    /// audit G, bug 5), including a directory whose own .bsmlint.yml turns a rule off.
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
            #expect(suite.contains("name=\"insecure-image\"") == (!inB), "\(suite.prefix(60))")
            #expect(suite.contains("name=\"emoji\"") == (options.isEmpty), "\(suite.prefix(60))")
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
    }
}
