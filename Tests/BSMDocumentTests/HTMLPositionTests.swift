import Testing
@testable import BSMDocument

/// Helper: parse a UTF-8 string as HTML.
func parseHTML(_ s: String) throws -> Document {
    let decoded = TextDecoder.decode(Array(s.utf8), html: true)
    return try HTMLParser.parse(decoded.source)
}

func firstElement(_ doc: Document, _ name: String) -> Node? {
    doc.firstElement(named: name).map { doc[$0] }
}

@Suite struct HTMLPositionTests {
    @Test func elementPositionsAreTheirStartTags() throws {
        let doc = try parseHTML("<html>\n<body>\n  <p class=\"a\">Hi <b>there</b></p>\n</body></html>")
        let p = try #require(firstElement(doc, "p"))
        #expect(p.range.start == SourcePosition(line: 3, column: 3, offset: 16))
        #expect(p.range.end.offset == 29)
        let b = try #require(firstElement(doc, "b"))
        #expect(b.range.start.line == 3)
        #expect(b.range.start.column == 19)
        let cls = try #require(p.attributeNode("class"))
        #expect(cls.range.start.column == 6)
        #expect(cls.value == "a")
        #expect(cls.valueRange?.start.column == 13)
        #expect(!doc.isFragment)
    }

    @Test func textRunsKnowWhereTheyStart() throws {
        let doc = try parseHTML("<div>one</div>\n<div><b>x</b> two</div>")
        let texts = doc.nodes.filter { $0.kind == .text }
        #expect(texts.map(\.text) == ["one", "\n", "x", " two"])
        let two = try #require(texts.last)
        #expect(two.range.start == SourcePosition(line: 2, column: 14, offset: 28))
    }

    @Test func impliedElementsAreMarked() throws {
        let doc = try parseHTML("<p>hello</p>")
        let body = try #require(firstElement(doc, "body"))
        #expect(body.isImplied)
        let p = try #require(firstElement(doc, "p"))
        #expect(!p.isImplied)
        #expect(p.range.start.column == 1)
        #expect(doc.isFragment)
    }

    @Test func crlfAndCrOnlyLineEnds() throws {
        let crlf = try parseHTML("<div>\r\n<img src=\"a.png\">\r\n</div>")
        #expect(firstElement(crlf, "img")?.range.start == SourcePosition(line: 2, column: 1, offset: 7))
        let cr = try parseHTML("<div>\r\r<img src=\"a.png\"></div>")
        #expect(firstElement(cr, "img")?.range.start == SourcePosition(line: 3, column: 1, offset: 7))
    }

    @Test func multibyteColumnsCountCharacters() throws {
        let doc = try parseHTML("<p>héllo 😀 <img src=x></p>")
        let img = try #require(firstElement(doc, "img"))
        #expect(img.range.start.column == 12)
        #expect(img.range.start.offset == 15)
    }

    @Test func windows1252PositionsMapToOriginalBytes() throws {
        var bytes = Array("<p>caf".utf8)
        bytes.append(0xE9)  // é in windows-1252
        bytes += Array(" <img src=x></p>".utf8)
        let decoded = TextDecoder.decode(bytes, html: true)
        #expect(decoded.source.encoding == "windows-1252")
        let doc = try HTMLParser.parse(decoded.source)
        let img = try #require(firstElement(doc, "img"))
        #expect(img.range.start.column == 9)
        #expect(img.range.start.offset == 8)
        #expect(doc.textContent(Document.rootID).hasPrefix("café"))
    }

    @Test func namespacedTagsKeepPrefix() throws {
        let doc = try parseHTML("<div><v:rect fillcolor=\"red\"><o:p></o:p></v:rect></div>")
        #expect(firstElement(doc, "v:rect") != nil)
        #expect(firstElement(doc, "o:p")?.range.start.column == 30)
    }

    @Test func conditionalCommentsAreClassified() throws {
        let doc = try parseHTML("<body><!--[if mso]><table><tr><td>x</td></tr></table><![endif]--><!--[if !mso]><!--><div>y</div><!--<![endif]--></body>")
        let comments = doc.nodes.filter { $0.kind == .comment }
        #expect(comments.count == 3)
        #expect(comments[0].conditional == .downlevelHidden(condition: "mso"))
        #expect(comments[1].conditional == .revealedStart(condition: "!mso"))
        #expect(comments[2].conditional == .revealedEnd)
        #expect(comments[1].range.start.column == 66)
        #expect(firstElement(doc, "div") != nil)
        #expect(firstElement(doc, "td") == nil)
    }

    @Test func styleContentIsRawText() throws {
        let doc = try parseHTML("<style>p > a { color: red }</style><p>x</p>")
        let raw = try #require(doc.nodes.first { $0.kind == .rawText })
        #expect(raw.text == "p > a { color: red }")
        #expect(raw.range.start.column == 8)
    }

    @Test func deepNestingIsLimited() throws {
        let s = String(repeating: "<div>", count: 300) + "x"
        #expect(throws: InputError.self) {
            _ = try HTMLParser.parse(SourceText(string: s), limits: ParseLimits(maxDepth: 100))
        }
        let doc = try HTMLParser.parse(SourceText(string: s))
        #expect(doc.nodes.filter { $0.name == "div" }.count == 300)
    }

    @Test func strayEndTagsInsideATextRunKeepOffsetsExact() throws {
        let doc = try parseHTML("<p>ab </pre>🎉 x</p>")
        let id = try #require(doc.nodes.indices.first { doc.nodes[$0].kind == .text })
        #expect(doc.nodes[id].text == "ab 🎉 x")
        let emoji = "ab ".utf8.count
        let r = doc.sourceRange(inText: id, emoji..<(emoji + 4))
        #expect(r.start.column == 13)
        #expect(r.end.column == 14)
    }

    @Test func charactersXMLForbidsKeepOffsetsExact() throws {
        // libxml2 drops C0 controls (but tab, LF, CR) and U+FFFE/U+FFFF from text; a position
        // after one still points at the character it names (the dropped one counts as a column).
        for (control, width) in [("\u{0C}", 1), ("\u{0B}", 1), ("\u{1F}", 1), ("\u{FFFE}", 1), ("\u{01}\u{02}", 2)] {
            let doc = try parseHTML("<p>ab\(control)cd 🎉 x</p>")
            let id = try #require(doc.nodes.indices.first { doc.nodes[$0].kind == .text })
            #expect(doc.nodes[id].text == "abcd 🎉 x")
            let emoji = "abcd ".utf8.count
            let r = doc.sourceRange(inText: id, emoji..<(emoji + 4))
            #expect(r.start.column == 9 + width, "after \(control.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(r.start.offset == 8 + control.utf8.count)
        }
    }
}

@Suite struct ConditionalCommentClassifyTests {
    @Test func kinds() {
        #expect(ConditionalComments.classify("[if mso]><table><tr><td>x</td></tr></table><![endif]") == .downlevelHidden(condition: "mso"))
        #expect(ConditionalComments.classify("\n  [if gte mso 9]>\r\n<xml></xml>\n<![endif]  \n") == .downlevelHidden(condition: "gte mso 9"))
        #expect(ConditionalComments.classify("[if !mso]><!") == .revealedStart(condition: "!mso"))
        #expect(ConditionalComments.classify("[if !mso]><!-") == .revealedStart(condition: "!mso"))
        #expect(ConditionalComments.classify(" [if  !mso ]><! ") == .revealedStart(condition: "!mso"))
        #expect(ConditionalComments.classify("<![endif]") == .revealedEnd)
        #expect(ConditionalComments.classify("\t<![endif]\r\n") == .revealedEnd)
        // Text that is not ASCII is read by Character, as before the byte path existed.
        #expect(ConditionalComments.classify("[if mso]><p>caf\u{E9}</p><![endif]") == .downlevelHidden(condition: "mso"))
        #expect(ConditionalComments.classify("[if !mso]><!\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}") == .revealedStart(condition: "!mso"))
    }

    @Test func clustersNextToTheSyntax() {
        // A joiner or combining mark makes one Character with the `!` or `>` before it.
        #expect(ConditionalComments.classify("[if !mso]><!\u{200D}") == nil)
        #expect(ConditionalComments.classify("[if mso]>\u{301}x<![endif]") == nil)
    }

    @Test func notConditional() {
        #expect(ConditionalComments.classify("") == nil)
        #expect(ConditionalComments.classify("   ") == nil)
        #expect(ConditionalComments.classify(" a comment about [if mso] ") == nil)
        #expect(ConditionalComments.classify("[if mso]><table>never closed") == nil)
        #expect(ConditionalComments.classify("[if !mso]><!----") == nil)
        #expect(ConditionalComments.classify("[if mso") == nil)
        #expect(ConditionalComments.classify("<![endif]x") == nil)
        #expect(ConditionalComments.classify("[if mso]x<![endif]") == nil)
    }
}
