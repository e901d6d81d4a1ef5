import Foundation
import Testing
@testable import BSMDocument

@Suite struct EMLLimitsTests {
    /// A multipart/mixed with `count` small attachments after an HTML body.
    static func manyParts(_ count: Int) -> [UInt8] {
        var s = "From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n"
        s += "--p\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>body</p>\r\n"
        for i in 0..<count {
            s += "--p\r\nContent-Type: application/octet-stream; name=\"f\(i).bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n"
        }
        s += "--p--\r\n"
        return Array(s.utf8)
    }

    @Test func exactlyTheLimitIsFine() throws {
        let m = try EMLMessage.parse(Self.manyParts(999))
        #expect(m.attachments.count == 999)
        #expect(m.htmlPart?.text == "<p>body</p>")
        #expect(m.problems.isEmpty)
        #expect(m.attachments.last?.filename == "f998.bin")
        #expect(m.attachments.allSatisfy { $0.size == 3 })
    }

    @Test func overAThousandPartsIsBoundedWithAProblem() throws {
        let bytes = Self.manyParts(5_000)
        let clock = ContinuousClock()
        var m = EMLMessage()
        let elapsed = try clock.measure { m = try EMLMessage.parse(bytes) }
        #expect(elapsed < .seconds(20))
        #expect(m.htmlPart != nil)
        #expect(m.attachments.count == 999)  // 1,000 parts: the body and 999 attachments
        #expect(m.problems.count == 1)
        #expect(m.problems.first?.contains("a fixed limit") == true)
        let small = try EMLMessage.parse(Self.manyParts(10), limits: EMLLimits(maxParts: 4))
        #expect(small.attachments.map(\.filename) == ["f0.bin", "f1.bin", "f2.bin"])
        #expect(small.problems.count == 1)
    }

    /// `levels` multiparts nested in each other, an HTML part at the bottom.
    static func nested(_ levels: Int, closed: Bool = true) -> [UInt8] {
        var s = "Subject: deep\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n"
        for i in 1..<levels {
            s += "--b\(i - 1)\nContent-Type: multipart/related; boundary=\"b\(i)\"\n\n"
        }
        s += "--b\(levels - 1)\nContent-Type: text/html\n\n<p>deep</p>\n"
        if closed {
            for i in stride(from: levels - 1, through: 0, by: -1) { s += "--b\(i)--\n" }
        }
        return Array(s.utf8)
    }

    @Test func nestingWithinTheLimitIsRead() throws {
        let m = try EMLMessage.parse(Self.nested(20))
        #expect(m.htmlPart?.text == "<p>deep</p>")
        #expect(m.problems.isEmpty)
    }

    @Test func nestingBeyondTheLimitStopsWithAProblem() throws {
        let m = try EMLMessage.parse(Self.nested(21))
        #expect(m.htmlPart == nil)
        #expect(m.problems.count == 1)
        #expect(m.problems.first?.contains("a fixed limit") == true)

        // Very deep and never closed: no recursion, bounded time, one problem per kind.
        let clock = ContinuousClock()
        var deep = EMLMessage()
        let elapsed = try clock.measure { deep = try EMLMessage.parse(Self.nested(50_000, closed: false)) }
        #expect(elapsed < .seconds(20))
        #expect(deep.htmlPart == nil)
        #expect(deep.problems.contains { $0.contains("a fixed limit") })
        #expect(deep.problems.count <= 21)  // 20 unclosed levels + the depth problem

        let custom = try EMLMessage.parse(Self.nested(5), limits: EMLLimits(maxDepth: 4))
        #expect(custom.htmlPart == nil)
        #expect(try EMLMessage.parse(Self.nested(4), limits: EMLLimits(maxDepth: 4)).htmlPart != nil)
    }

    @Test func headerFieldsAreBudgeted() throws {
        var s = "Subject: many headers\nContent-Type: text/html\n"
        for i in 0..<200_000 { s += "X-H\(i): v\n \tfolded\n" }
        s += "\n<p>still found</p>"
        let m = try EMLMessage.parse(Array(s.utf8))
        #expect(m.headers.count == 50_000)
        #expect(m.subject?.decoded == "many headers")
        #expect(m.htmlPart?.text == "<p>still found</p>")
        #expect(m.problems.count == 1)
        #expect(m.problems.first?.contains("a fixed limit") == true)
        let few = try EMLMessage.parse(Array("A: 1\nB: 2\nC: 3\n\nbody".utf8), limits: EMLLimits(maxHeaderFields: 2))
        #expect(few.headers.map(\.name) == ["A", "B"])
        #expect(few.textPart?.text == "body")
    }

    @Test func pathologicalHeaderValuesStayLinear() throws {
        // ~1 MB of encoded-word openings that never terminate, and a parameter value that is one
        // long run of spaces: both would be quadratic with naive scanning.
        let subject = String(repeating: "=?u?q?a", count: 150_000)
        let spaces = String(repeating: " ", count: 1_000_000)
        let eml = "Subject: \(subject)\nContent-Type: text/html; name=a\(spaces)b; charset=utf-8\n\n<p>x</p>"
        let clock = ContinuousClock()
        var m = EMLMessage()
        let elapsed = try clock.measure { m = try EMLMessage.parse(Array(eml.utf8)) }
        #expect(elapsed < .seconds(20))
        #expect(m.subject?.decoded == subject)
        #expect(m.htmlPart?.charset == "utf-8")
        #expect(m.htmlPart?.text == "<p>x</p>")
    }

    @Test func neverClosingBoundaryInALargeFileIsLinear() throws {
        var s = "From: a@example.com\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"open\"\n\n"
        s += "--open\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        let line = "<p>This line is repeated to make a large message body with no closing boundary.</p>\n"
        s += String(repeating: line, count: 40_000)  // ~3.4 MB
        let bytes = Array(s.utf8)
        let clock = ContinuousClock()
        var m = EMLMessage()
        let elapsed = try clock.measure { m = try EMLMessage.parse(bytes) }
        #expect(elapsed < .seconds(20))
        let html = try #require(m.htmlPart)
        #expect(html.decodedBytes.count == line.utf8.count * 40_000)
        #expect(html.bodyLine == 8)
        #expect(m.problems.count == 1)
        #expect(m.problems.first?.contains("never closed") == true)
    }
}
