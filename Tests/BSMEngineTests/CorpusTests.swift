import BSMDocument
import BSMEngine
import BSMRules
import Foundation
import Testing

/// The public corpus lives beside the project in ../shared; a user's clone does not have it.
enum Corpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/public")
    static var available: Bool { FileManager.default.fileExists(atPath: root.path) }
    static var files: [String] {
        guard let e = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") || $0.hasSuffix(".htm") }.sorted()
            .map { root.appendingPathComponent($0).path }
    }
}

@Suite(.enabled(if: Corpus.available, "../shared/corpus/public is absent (a user's clone): corpus tests skipped"))
struct CorpusTests {
    @Test func everyFileIsReportedAndNoneCrashes() throws {
        let files = Corpus.files
        #expect(files.count == 223)
        let linter = try Linter(ruleTypes: BuiltinRules.all, configuration: Configuration())
        var checked = 0
        for path in files {
            let bytes = try FileReader.read(path, maxBytes: 50_000_000)
            let r = linter.check(path: path, bytes: bytes)
            #expect(r.status == .checked, "\(path): \(r.findings.first?.message ?? "")")
            if r.status == .checked { checked += 1 }
        }
        #expect(checked == files.count)
    }

    /// Every non-implied element's recorded start is a `<` followed by its name in the original
    /// bytes, and its line:column agrees with counting lines in those bytes.
    @Test func elementPositionsPointAtTheirTags() throws {
        var elements = 0
        for path in Corpus.files {
            let bytes = try FileReader.read(path, maxBytes: 50_000_000)
            let decoded = TextDecoder.decode(bytes, html: true)
            let doc = try HTMLParser.parse(decoded.source)
            // Line starts in the original bytes.
            var lineStarts = [0]
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x0A { lineStarts.append(i + 1) } else if bytes[i] == 0x0D {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                    lineStarts.append(i + 1)
                }
                i += 1
            }
            for n in doc.nodes where n.kind == .element && !n.isImplied {
                elements += 1
                let o = n.range.start.offset
                guard o < bytes.count, bytes[o] == 0x3C else {
                    Issue.record("\(path): \(n.name) at \(n.range.start) does not start with <")
                    return
                }
                let nameBytes = Array(bytes[(o + 1)..<min(bytes.count, o + 1 + n.name.utf8.count)]).map { $0 | 0x20 }
                let want = Array(n.name.utf8).map { $0 | 0x20 }
                if nameBytes != want {
                    Issue.record("\(path): expected <\(n.name) at \(n.range.start)")
                    return
                }
                let line = (lineStarts.lastIndex(where: { $0 <= o }) ?? 0) + 1
                if line != n.range.start.line {
                    Issue.record("\(path): \(n.name) line \(n.range.start.line) != \(line)")
                    return
                }
            }
        }
        #expect(elements > 20_000)
    }

    /// 13 corpus files are not valid UTF-8: 12 say UTF-8 (or nothing) and get the windows-1252
    /// fallback, one declares iso-8859-1 (read as windows-1252, as browsers do).
    @Test func windows1252FilesAreDetected() throws {
        var fallback = 0, declared = 0
        for path in Corpus.files {
            let bytes = try FileReader.read(path, maxBytes: 50_000_000)
            let d = TextDecoder.decode(bytes, html: true)
            if d.fallbackBytes > 0 { fallback += 1 }
            if d.source.encoding == "windows-1252" && d.fallbackBytes == 0 { declared += 1 }
        }
        #expect(fallback == 12)
        #expect(declared == 1)
    }
}
