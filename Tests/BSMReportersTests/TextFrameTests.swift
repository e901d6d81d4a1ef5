import BSMDocument
import BSMEngine
import BSMReporters
import BSMRules
import Foundation
import Testing

/// Code frames and snippets agree with scalar columns, whatever precedes the finding on its line.
@Suite struct TextFrameTests {
    func lint(_ html: String, path: String = "t.html") throws -> FileResult {
        let linter = try Linter(ruleTypes: [InsecureImageRule.self, EmojiRule.self], configuration: Configuration())
        return linter.check(path: path, bytes: Array(html.utf8))
    }

    /// Display cells before the caret line's first `^`.
    func caretColumn(_ frame: Substring) -> Int? {
        guard let i = frame.firstIndex(of: "^") else { return nil }
        return frame[..<i].count
    }

    @Test func zwjEmojiAndCombiningAccentBeforeTheFinding() throws {
        let r = try lint("<p>👩‍💻 e\u{301} <img src=\"http://x.example/y.png\" alt=\"y\"></p>\n")
        let img = try #require(r.findings.first { $0.ruleId == "insecure-image" })
        // 👩‍💻 is 3 scalars, é is 2: "<p>" + 3 + " " + 2 + " " = 10 scalars before <img.
        #expect(img.range.start.column == 11)
        #expect(img.snippet == "<img src=\"http://x.example/y.png\" alt=\"y\">")
        let emoji = try #require(r.findings.first { $0.ruleId == "emoji" })
        #expect(emoji.snippet == "👩‍💻")
        let out = Render.output(.text, [r])
        let lines = out.split(separator: "\n")
        // The emoji renders 2 cells wide; the frame prefix "  1 | " is 6 cells.
        let imgCaret = try #require(lines.firstIndex { $0.hasPrefix("t.html:1:11 ") })
        #expect(caretColumn(lines[imgCaret + 2]) == 6 + 3 + 2 + 1 + 1 + 1)
        #expect(lines[imgCaret + 2].filter { $0 == "^" }.count == 42)
        let emojiCaret = try #require(lines.firstIndex { $0.hasPrefix("t.html:1:4 ") })
        #expect(lines[emojiCaret + 2].hasSuffix("|    ^^"))
    }

    @Test func wideCharactersPushTheCaret() throws {
        let r = try lint("<p>中文 <img src=\"http://x.example/y.png\"></p>\n")
        let out = Render.output(.text, [r])
        let lines = out.split(separator: "\n")
        #expect(lines[0].hasPrefix("t.html:1:7 error"))
        #expect(caretColumn(lines[2]) == 6 + 3 + 4 + 1)
    }

    @Test func longLinesAreWindowedAroundTheColumn() throws {
        let filler = String(repeating: "é", count: 100)
        let r = try lint("<p>\(filler) <img src=\"http://x.example/y.png\"></p>\n")
        let out = Render.output(.text, [r])
        let lines = out.split(separator: "\n")
        #expect(lines[0].hasPrefix("t.html:1:105 error"))
        #expect(lines[1].hasPrefix("  1 | …"))
        #expect(lines[1].contains("<img src="))
        // 40 scalars of context before the start, after the ellipsis.
        #expect(caretColumn(lines[2]) == 6 + 1 + 40)
    }

    @Test func controlCharactersFromTheTemplateCannotReachTheTerminal() throws {
        let r = try lint("<p>a\u{1B}[2J\u{7}b <img src=\"http://x.example/\u{1B}[31mred.png\"></p>\n", path: "evil\u{1B}]0;x\u{7}.html")
        let out = Render.output(.text, [r])
        #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(out.contains(#"= src="http://x.example/\u{1B}[31mred.png""#))
        #expect(out.contains(#"evil\u{1B}]0;x\u{7}.html:1:"#))
        // In the frame each control character is one U+FFFD, so the caret stays aligned.
        let lines = out.split(separator: "\n")
        #expect(lines[1] == "  1 | <p>a\u{FFFD}[2J\u{FFFD}b <img src=\"http://x.example/\u{FFFD}[31mred.png\"></p>")
        #expect(caretColumn(lines[2]) == 6 + 11)
        // JSON keeps the exact text, escaped.
        let json = Render.output(.json, [r])
        #expect(json.contains(#"\u001b[31mred.png"#))
        #expect(!json.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test func crlfLinesShowWithoutTheCR() throws {
        let r = try lint("<html>\r\n<body>\r\n<p>été <img src=\"http://a.example/x.png\"></p>\r\n</body>\r\n</html>\r\n")
        let f = try #require(r.findings.first)
        #expect(f.range.start.line == 3 && f.range.start.column == 8)
        #expect(f.range.start.offset == 8 + 8 + 3 + 5 + 1, "bytes: é is 2")
        let out = Render.output(.text, [r])
        #expect(!out.contains("\r"))
        #expect(out.contains("  3 | <p>été <img src=\"http://a.example/x.png\"></p>\n"))
    }

    @Test func framesNeverCrashOnOddRanges() {
        func result(_ line: String, _ start: (Int, Int), _ end: (Int, Int)) -> FileResult {
            let f = Finding(ruleId: "emoji", severity: .error, message: "m",
                            range: SourceRange(start: SourcePosition(line: start.0, column: start.1, offset: 0),
                                               end: SourcePosition(line: end.0, column: end.1, offset: 1)))
            return FileResult(path: "p", kind: .html, byteCount: 1, encoding: "utf-8", status: .checked, findings: [f],
                              sourceLines: [start.0: line])
        }
        // Past the end of the line: no frame, still the message.
        let far = Render.output(.text, [result("abc", (1, 500), (1, 501))])
        #expect(far.hasPrefix("p:1:500 error m [emoji]\n"))
        #expect(!far.contains(" | "))
        // Just past the last character (an insertion point): caret after the text.
        let end = Render.output(.text, [result("abc", (1, 4), (1, 4))])
        #expect(end.contains("  1 | abc\n    |    ^\n"))
        // Empty line.
        let empty = Render.output(.text, [result("", (1, 1), (1, 1))])
        #expect(empty.contains("  1 | \n    | ^\n"))
        // A span running onto later lines is underlined to the end of the shown line.
        let multi = Render.output(.text, [result("ab🎉d", (1, 2), (3, 1))])
        #expect(multi.contains("  1 | ab🎉d\n    |  ^^^^\n"))
        // End before start (a bad range) still draws one caret.
        let backwards = Render.output(.text, [result("abcdef", (1, 4), (1, 2))])
        #expect(backwards.contains("    |    ^\n"))
    }
}
