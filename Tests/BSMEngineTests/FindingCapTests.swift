@testable import BSMEngine
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
