@testable import BSMEngine
import BSMDocument
import BSMRules
import Testing

/// One rule keeps at most `FindingSink.maxPerDocument` findings per file; the rest are counted in
/// one last info finding, so a hostile template cannot make a report (or memory) explode.
struct FindingCapTests {
    @Test func findingsPastTheCapAreCountedNotKept() throws {
        let n = FindingSink.maxPerDocument + 500
        let html = (0..<n).map { "<img src=\"http://example.com/\($0).png\" alt=\"\">" }.joined(separator: "\n")
        var config = Configuration()
        config.onlyRules = ["insecure-image"]
        let r = try Linter(ruleTypes: BuiltinRules.all, configuration: config).check(path: "many.html", bytes: Array(html.utf8))
        let errors = r.findings.filter { $0.severity == .error }
        #expect(errors.count == FindingSink.maxPerDocument)
        let note = try #require(r.findings.last)
        #expect(note.severity == .info)
        #expect(note.ruleId == "insecure-image")
        #expect(note.message.hasPrefix("500 more insecure-image findings in this file not listed"))
        // The kept findings are the first ones, in document order.
        #expect(errors.first?.range.start.line == 1)
        #expect(errors.last?.range.start.line == FindingSink.maxPerDocument)
    }

    @Test func belowTheCapNothingIsAdded() throws {
        var config = Configuration()
        config.onlyRules = ["insecure-image"]
        let r = try Linter(ruleTypes: BuiltinRules.all, configuration: config)
            .check(path: "few.html", bytes: Array("<img src=\"http://example.com/a.png\" alt=\"\">".utf8))
        #expect(r.findings.map(\.severity) == [.error])
    }
}

@Suite struct FingerprintDigitsTests {
    /// `Hasher64.decimal` feeds the digits `"\(n)"` has (fingerprints must not change).
    @Test func decimalHashesTheDigitsOfTheNumber() {
        var samples: [Int] = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 65_535, 1_000_000, Int.max, -1, -10, -12_345, Int.min]
        var x = 1
        for _ in 0..<18 { x *= 10; samples += [x - 1, x, x + 1] }
        for n in samples {
            var a = Fingerprint.Hasher64()
            a.decimal(n)
            var b = Fingerprint.Hasher64()
            b.string("\(n)")
            #expect(a.h == b.h, "\(n)")
        }
        var u = Fingerprint.Hasher64()
        u.decimal(UInt64.max)
        var v = Fingerprint.Hasher64()
        v.string("\(UInt64.max)")
        #expect(u.h == v.h)
    }
}

@Suite struct SnippetTests {
    /// The snippet as the scalar-array version cut it: columns count Unicode scalars.
    private func reference(_ text: String, _ r: SourceRange) -> String? {
        let chars = Array(text.unicodeScalars)
        guard !chars.isEmpty else { return nil }
        let startCol = max(0, r.start.column - 1)
        guard startCol < chars.count else { return nil }
        var endCol = r.end.line == r.start.line ? r.end.column - 1 : chars.count
        if endCol <= startCol { endCol = chars.count }
        endCol = min(endCol, chars.count, startCol + 200)
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars[startCol..<endCol])
        return String(s)
    }

    @Test func cutsByScalarsOnASCIIAndNonASCIILines() {
        let lines = ["", "<p style=\"color: red\">Hello</p>", "caf\u{E9} \u{1F600}\u{200D}\u{1F4BB} <b>x</b> e\u{301}t\u{E9}",
                     String(repeating: "\u{4E2D}", count: 300), String(repeating: "a", count: 500)]
        for text in lines {
            let line = Linter.SnippetLine(text)
            let n = text.unicodeScalars.count
            for start in [1, 2, 3, 5, 8, n, n + 1, n + 5] {
                for (endLine, end) in [(1, start + 3), (1, start), (1, start - 1), (2, 1), (1, n + 1), (1, start + 250)] {
                    let r = SourceRange(start: SourcePosition(line: 1, column: start, offset: 0),
                                        end: SourcePosition(line: endLine, column: end, offset: 0))
                    #expect(Linter.snippet(line, r) == reference(text, r), "\(text.prefix(20)) \(start)-\(endLine):\(end)")
                }
            }
        }
    }
}
