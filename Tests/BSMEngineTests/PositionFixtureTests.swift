import BSMDocument
import BSMEngine
import BSMRules
import Foundation
import Testing

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func bytes(_ rel: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(rel)))
    }
}

/// End-to-end positions: the `insecure-image` finding on the `<img>` in each fixture must carry
/// the line:column a person sees and the byte offset of `<img` in the original file.
@Suite struct PositionFixtureTests {
    @Test(arguments: [
        ("positions/crlf.html", 4, 1, "utf-8"),
        ("positions/cr-only.html", 4, 1, "utf-8"),
        ("positions/multibyte.html", 3, 16, "utf-8"),
        ("positions/windows-1252.html", 3, 26, "windows-1252"),
        ("positions/utf8-bom.html", 1, 13, "utf-8"),
        ("positions/utf16le-bom.html", 2, 1, "utf-16le"),
        ("positions/utf16le-nobom.html", 2, 1, "utf-16le"),
        ("positions/latin1-meta.html", 2, 12, "windows-1252"),
    ])
    func imagePosition(_ file: String, _ line: Int, _ column: Int, _ encoding: String) throws {
        let bytes = try Fixtures.bytes(file)
        let linter = try Linter(ruleTypes: [InsecureImageRule.self], configuration: Configuration())
        let r = linter.check(path: file, bytes: bytes)
        #expect(r.encoding == encoding)
        let f = try #require(r.findings.first { $0.ruleId == "insecure-image" })
        #expect(f.range.start.line == line)
        #expect(f.range.start.column == column)
        // The offset is a byte offset in the original file, at "<img" (in that file's encoding).
        let marker: [UInt8] = encoding.hasPrefix("utf-16") ? Array("<img".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) : Array("<img".utf8)
        let o = f.range.start.offset
        #expect(o + marker.count <= bytes.count)
        if o + marker.count <= bytes.count { #expect(Array(bytes[o..<(o + marker.count)]) == marker) }
        #expect(f.range.length > 0)
    }

    @Test func samplesAreAllChecked() throws {
        let linter = try Linter(ruleTypes: BuiltinRules.all, configuration: Configuration())
        for name in ["review-request-ok.html", "promo-blast-bad.html", "shipping-note.txt", "delivery-question.eml"] {
            let r = linter.check(path: name, bytes: try Fixtures.bytes("samples/\(name)"))
            #expect(r.status == .checked, "\(name)")
        }
        let ok = linter.check(path: "review-request-ok.html", bytes: try Fixtures.bytes("samples/review-request-ok.html"))
        #expect(ok.findings.filter { $0.severity == .error }.isEmpty)
    }
}
