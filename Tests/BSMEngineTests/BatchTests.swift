import BSMDocument
@testable import BSMEngine
import BSMRules
import Foundation
import Testing

/// Batches never lose an input: every path given ends up in the results, in order, whatever
/// happened to it.
@Suite struct BatchTests {
    @Test func textReportSummaryLines() {
        func yes(_ s: String) -> Bool { BatchRunner.isTextReport(Array(s.utf8)) }
        #expect(yes("a.txt:1:1 error x [emoji]\n\n✖ 3 problems (2 errors, 1 warning) in 2 files\n"))
        #expect(yes("✔ no problems in 4 files\n"))
        #expect(yes("✔ no problems in 1 file, 1 could not be checked\n\n"))
        #expect(yes("\u{1B}[31m✖ 1 problem\u{1B}[0m (1 error, 0 warnings) in 1 file\n"))
        #expect(!yes("Thanks for your order!\n✖ 3 problems found\n"))
        #expect(!yes("✔ no problems in your order\n"))
        #expect(!yes("Hello\n"))
    }


    func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    func runBatch(_ paths: [String]) async throws -> [FileResult] {
        let items = InputCollector.collect(paths, stdinName: nil)
        let resolver = try ConfigResolver(explicitPath: nil, commandLine: ConfigurationLayer(), ruleTypes: BuiltinRules.all)
        var out: [FileResult] = []
        _ = try await BatchRunner.run(items: items, resolver: resolver, jobs: 2) { out.append($0) }
        return out
    }

    @Test func fiftyMegabyteFileIsAnInputErrorWithoutBeingRead() async throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(at: d) }
        let big = d.appendingPathComponent("big.html")
        #expect(FileManager.default.createFile(atPath: big.path, contents: Data("<p>".utf8)))
        let h = try FileHandle(forWritingTo: big)
        try h.truncate(atOffset: 50_000_000)  // sparse: instant, takes no disk
        try h.close()
        let ok = d.appendingPathComponent("ok.html")
        try Data("<p>fine</p>".utf8).write(to: ok)
        let results = try await runBatch([big.path, ok.path])
        #expect(results.map(\.path) == [big.path, ok.path])
        #expect(results[0].status == .error)
        #expect(results[0].findings.first?.message.contains("over the size limit of 20000000 bytes") == true)
        #expect(results[1].status == .checked)
    }

    @Test func directoryLoopsAreReportedAndTheWalkEnds() async throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(at: d) }
        let sub = d.appendingPathComponent("a")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data("<p>x</p>".utf8).write(to: sub.appendingPathComponent("t.html"))
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("loop").path, withDestinationPath: d.path)
        let results = try await runBatch([d.path])
        #expect(results.filter { $0.status == .checked }.map { ($0.path as NSString).lastPathComponent } == ["t.html"])
        #expect(results.contains { $0.status == .error && $0.findings.first?.message.contains("directory loop") == true })
    }

    @Test func missingAndBinaryInputsStayInTheReportInOrder() async throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(at: d) }
        let png = d.appendingPathComponent("logo.html")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).write(to: png)
        let empty = d.appendingPathComponent("empty.html")
        try Data().write(to: empty)
        let missing = d.appendingPathComponent("missing.html").path
        let results = try await runBatch([png.path, missing, empty.path])
        #expect(results.map(\.path) == [png.path, missing, empty.path])
        #expect(results.map(\.status) == [.error, .error, .checked])
        #expect(results[0].findings.first?.message.contains("PNG") == true)
        #expect(results[1].findings.first?.message.contains("no such file") == true)
    }

    @Test func manyFilesKeepInputOrderAcrossJobs() async throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(at: d) }
        var paths: [String] = []
        for i in 0..<60 {
            let p = d.appendingPathComponent(String(format: "f%03d.html", i))
            // Varying sizes so workers finish out of order.
            let body = String(repeating: "<p>text</p>", count: (i * 37) % 400 + 1)
            try Data((body + (i % 3 == 0 ? "<img src=\"http://x.com/\(i).png\">" : "")).utf8).write(to: p)
            paths.append(p.path)
        }
        let results = try await runBatch(paths)
        #expect(results.map(\.path) == paths)
        #expect(results.filter { $0.findings.contains { $0.ruleId == "insecure-image" } }.count == 20)
    }
}

@Suite struct PathTextTests {
    /// The same answers as `NSString.deletingLastPathComponent`, without its trap on
    /// one-character paths.
    @Test func directoryOfAPath() {
        let cases: [(String, String)] = [("a/b", "a"), ("a/b/", "a"), ("/a", "/"), ("a", ""), ("-", ""), ("b/", ""),
                                         ("/", "/"), ("", ""), ("/x/y/z.html", "/x/y"), ("./a", "."), ("a//b", "a"), ("//a", "/")]
        for (path, dir) in cases { #expect(PathText.directory(of: path) == dir, "\(path)") }
    }
}
