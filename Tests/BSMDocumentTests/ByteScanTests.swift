import Foundation
import Testing
@testable import BSMDocument

/// The word-at-a-time byte scans agree with the plain definitions they replace.
@Suite struct ByteScanTests {
    static let samples = [
        "", "a", "plain ASCII text, longer than eight bytes",
        "caf\u{E9} cr\u{E8}me br\u{FB}l\u{E9}e", "\u{1F600}\u{1F469}\u{200D}\u{1F4BB} emoji",
        "日本語のテキストと ASCII が混在", "\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
    ]

    @Test func scalarCountMatchesTheScalarView() {
        for s in ByteScanTests.samples {
            let bytes = Array(s.utf8)
            // Every range, so that words start and end inside multi-byte characters too.
            for from in 0...bytes.count {
                for to in from...bytes.count {
                    let expected = bytes[from..<to].filter { $0 & 0xC0 != 0x80 }.count
                    #expect(ASCII.scalarCount(bytes, from: from, to: to) == expected, "\(s) \(from)..<\(to)")
                }
            }
            #expect(ASCII.scalarCount(bytes, from: 0, to: bytes.count) == s.unicodeScalars.count)
        }
        // Out-of-range ends are clamped.
        #expect(ASCII.scalarCount(Array("abc".utf8), from: -2, to: 10) == 3)
    }

    @Test func trimmingMatchesFoundation() {
        let cases = [
            "", " ", "x", " x ", "\tx\n", "\u{B}x\u{C}", "\r\nx\r\n", "\u{A0}x\u{A0}", "\u{2003}x", "x\u{3000}",
            "\u{85}x", "x\u{2028}", "{{url}}", "https://example.com/a b", " https://example.com/ ", "\u{200B}x\u{200B}",
            "\u{E9}t\u{E9}", "\u{1F600}", "\tx\t", "x\n", "\nx", " name ", "name", " \u{301}x", "x \u{301}", "\u{C}a\u{C}",
        ]
        for s in cases {
            #expect(s.trimmingWhitespacesAndNewlines() == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(s.debugDescription)")
            #expect(s.trimmingWhitespaces() == s.trimmingCharacters(in: .whitespaces), "\(s.debugDescription)")
            // The byte fast path of trimmingASCIIWhitespace agrees with the walk by Character.
            let ws: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" || $0 == "\r\n" }
            let reference = s.firstIndex(where: { !ws($0) }).flatMap { a in s.lastIndex(where: { !ws($0) }).map { String(s[a...$0]) } } ?? ""
            #expect(s.trimmingASCIIWhitespace() == reference, "\(s.debugDescription)")
        }
    }
}

@Suite struct ASCIISourceTests {
    /// `SourceText.isASCII` at block boundaries (checkpoints every 4,096 bytes, then a tail),
    /// and columns the same with and without the ASCII shortcut.
    @Test func asciiFlagAndColumns() {
        let n = SourceText.checkpointStride
        for (text, ascii) in [("", true), ("abc", true), (String(repeating: "a", count: n), true),
                              (String(repeating: "a", count: 2 * n + 5), true),
                              (String(repeating: "a", count: n - 1) + "\u{E9}", false),
                              (String(repeating: "a", count: n) + "\u{E9}", false),
                              (String(repeating: "a", count: 2 * n) + "x\u{1F600}", false),
                              ("\u{E9}" + String(repeating: "a", count: 3 * n), false)] {
            let source = SourceText(string: text)
            #expect(source.isASCII == ascii, "\(text.utf8.count) bytes")
        }
        for word in ["caf\u{E9}", "cafe"] {  // the scalar count and the ASCII shortcut
            let text = "<p>one</p>\n  <b>\(word)</b> <i>x</i>\n" + String(repeating: "<td>a</td>", count: 900) + "\n<p>end</p>"
            let source = SourceText(string: text)
            var resolver = PositionResolver(source: source)
            var column = 1, line = 1
            for (offset, b) in text.utf8.enumerated() {
                #expect(resolver.position(offset) == source.position(offset))
                #expect(source.position(offset).line == line && source.position(offset).column == column)
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
        }
    }
}

@Suite struct SameBytesTests {
    @Test func equalAndDifferent() {
        func same(_ a: String, _ b: String) -> Bool {
            Array(a.utf8).withUnsafeBufferPointer { x in Array(b.utf8).withUnsafeBufferPointer { ASCII.sameBytes(x, $0) } }
        }
        #expect(same("", ""))
        #expect(same("color: red", "color: red"))
        #expect(!same("color: red", "color: rex"))
        #expect(!same("color: red", "color: re"))
        #expect(!same("", "a"))
        #expect(same("caf\u{E9}", "caf\u{E9}"))
    }
}

@Suite struct TagCloseTests {
    private func close(_ s: String, from: Int) -> Int {
        Array(s.utf8).withUnsafeBufferPointer { StartTagScanner.tagClose(in: $0, from: from, to: $0.count) }
    }

    @Test func firstGreaterThanOutsideQuotes() {
        #expect(close("<p>x", from: 2) == 2)
        #expect(close("<img alt=\"a > b\" src='c>d'>rest", from: 4) == 26)
        #expect(close("<a title=\"it's\">", from: 2) == 15)  // an apostrophe inside double quotes
        #expect(close("<img alt=\"never closed >", from: 4) == 24)  // unfinished: the end
        #expect(close("<br", from: 3) == 3)
    }

    @Test func droppedBreaksSkipQuotedValues() throws {
        // `</br>` inside an attribute value is text, not a break; the one after the tag is a break.
        let doc = try HTMLParser.parse(SourceText(string: "<p><img alt=\"a</br>b\"></br>x</p>"))
        let breaks = doc.allIDs.filter { doc[$0].name == "br" }
        #expect(breaks.count == 1)
        #expect(breaks.first.map { doc[$0].decodedStart } == 22)
    }
}
