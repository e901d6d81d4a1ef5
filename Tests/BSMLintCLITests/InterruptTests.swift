import Foundation
import Testing

@Suite struct InterruptTests {
    /// Ctrl-C during a batch: the reports are finished with the files checked so far and
    /// `summary.complete` is false; exit status 130.
    @Test func sigintFinishesAnIncompleteReport() throws {
        let exe = try #require(BSMLint.executable, "bsmlint executable not found")
        let tmp = try TempDir()
        // Enough work that the batch is still running when the signal arrives.
        let body = String(repeating: "<p>Hello {{name}} <img src=\"http://x.example/a.png\" alt=\"a\"> 🎉</p>\n", count: 1500)
        let total = 300
        for i in 0..<total { try tmp.write(String(format: "in/%04d.html", i), body) }
        let json = tmp.path("r.json")
        let p = Process()
        p.executableURL = exe
        p.arguments = ["check", "-j", "1", "-f", "jsonl", "-f", "json=\(json)", tmp.path("in")]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait for the first file line: the batch (and the signal handler) is running.
        var received = Data()
        while !received.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        p.interrupt()
        received.append(out.fileHandleForReading.readDataToEndOfFile())
        p.waitUntilExit()
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == 130)
        let lines = String(decoding: received, as: UTF8.self).split(separator: "\n")
        let summaryLine = try #require(lines.last)
        let summary = try #require((try JSONSerialization.jsonObject(with: Data(summaryLine.utf8)) as? [String: Any])?["summary"] as? [String: Any])
        #expect(summary["complete"] as? Bool == false)
        let files = try #require(summary["files"] as? Int)
        #expect(files == lines.count - 1, "one line per reported file")
        #expect(files >= 1 && files < total, "stopped early: \(files) of \(total)")
        // The file report is a complete document, marked incomplete, renamed into place.
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect(doc.summary["complete"] as? Bool == false)
        #expect(doc.files.count == files)
        #expect(try tmp.contents() == ["in", "r.json"])
    }

    @Test func textSummarySaysTheReportIsIncomplete() throws {
        let exe = try #require(BSMLint.executable, "bsmlint executable not found")
        let tmp = try TempDir()
        let body = String(repeating: "<p><img src=\"http://x.example/a.png\" alt=\"a\"></p>\n", count: 2000)
        for i in 0..<200 { try tmp.write(String(format: "in/%04d.html", i), body) }
        let p = Process()
        p.executableURL = exe
        p.arguments = ["check", "-j", "1", "--no-color", tmp.path("in")]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        var received = Data()
        while !received.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        p.terminate()  // SIGTERM is handled like SIGINT
        received.append(out.fileHandleForReading.readDataToEndOfFile())
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        #expect(String(decoding: received, as: UTF8.self).hasSuffix(" — interrupted, report incomplete\n"))
    }
}
