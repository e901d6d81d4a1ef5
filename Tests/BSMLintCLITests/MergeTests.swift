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
