import BSMDocument
import BSMText
import Testing

private func doc(_ html: String) throws -> Document {
    try HTMLParser.parse(TextDecoder.decode(Array(html.utf8), html: true).source)
}

@Suite struct TextModelTests {
    @Test func firstVisibleRangeSkipsSpacerRuns() throws {
        let html = "<table><tr><td>&nbsp;</td><td>\u{200B}</td></tr></table>\n<p>  Hello there</p>"
        let d = try doc(html)
        let m = TextModel(document: d, placeholders: PlaceholderMatcher())
        let first = try #require(m.firstVisibleRange)
        #expect(String(decoding: Array(m.text.utf8)[first], as: UTF8.self) == "Hello there")
        let r = try #require(m.sourceRange(first, in: d))
        #expect(r.start.line == 2 && r.start.column == 6)
        let blank = TextModel(document: try doc("<p>&nbsp;</p><img src=a.png alt=x>"), placeholders: PlaceholderMatcher())
        #expect(blank.firstVisibleRange == nil)
    }

    @Test func joinsBlocksWithLineBreaksAndSkipsNonContent() throws {
        let d = try doc("<html><head><title>T</title><style>p{}</style></head><body><p>Hello <b>there</b>,</p><div>Order {{order.id}}</div>line<br>two</body></html>")
        let m = TextModel(document: d, placeholders: PlaceholderMatcher())
        #expect(m.text == "Hello there,\nOrder {{order.id}}\nline\ntwo")
        #expect(m.placeholders.map(\.text) == ["{{order.id}}"])
    }

    @Test func mapsTextRangesBackToSource() throws {
        let html = "<p>Hi &amp; welcome</p>\n<p>Call 555</p>"
        let d = try doc(html)
        let m = TextModel(document: d, placeholders: PlaceholderMatcher())
        #expect(m.text == "Hi & welcome\nCall 555")
        let utf8 = Array(m.text.utf8)
        let welcome = try #require(m.text.utf8.firstRange(of: "welcome".utf8))
        let s = utf8.distance(from: 0, to: m.text.utf8.distance(from: m.text.utf8.startIndex, to: welcome.lowerBound))
        let r = try #require(m.sourceRange(s..<(s + 7), in: d))
        #expect(r.start.column == 13)  // after "<p>Hi &amp; "
        #expect(r.end.column == 20)
        let call = m.text.utf8.count - 8
        let r2 = try #require(m.sourceRange(call..<(call + 4), in: d))
        #expect(r2.start.line == 2)
        #expect(r2.start.column == 4)
    }

    @Test func hiddenElementsAreLeftOut() throws {
        let d = try doc("<div id=a>shown</div><div id=b>hidden</div>")
        let hiddenID = try #require(d.nodes.indices.first { d.nodes[$0].attribute("id") == "b" })
        let m = TextModel(document: d, placeholders: PlaceholderMatcher(), isHidden: { $0 == hiddenID })
        #expect(m.text == "shown")
    }

    @Test func sentencesComeFromBlocks() throws {
        let d = try doc("<p>Thanks for your order</p><p>Please leave a review. It helps us.</p>")
        let m = TextModel(document: d, placeholders: PlaceholderMatcher())
        #expect(m.sentences(language: "en").map(\.text) == ["Thanks for your order", "Please leave a review.", "It helps us."])
    }

    /// A sentence runs on across a `<br>` after a comma, an article, or into a conjunction; a line
    /// break of the HTML source is a space (offsets kept); a block boundary or an `<hr>` always
    /// ends it; `<pre>` keeps its lines (wraps).
    @Test func lineBreakKinds() throws {
        let d = try doc("<p>If you are happy with your purchase,<br>please leave us a\n   five-star review.</p><p>Hi John,<br>Thank you.</p><p>Order:<br>shipped</p><p>1. Return it<br>2. get a refund</p><p>Leave a review<br>free returns</p><p>Leave us a<br>5-star review<br>and get a gift.</p><div>free gift</div><div>leave a review</div><p>a<hr>b</p><pre>x\ny\n\nz</pre>")
        let m = TextModel(document: d, placeholders: PlaceholderMatcher())
        #expect(m.text == "If you are happy with your purchase,\nplease leave us a    five-star review.\nHi John,\nThank you.\nOrder:\nshipped\n1. Return it\n2. get a refund\nLeave a review\nfree returns\nLeave us a\n5-star review\nand get a gift.\nfree gift\nleave a review\na\nb\nx\ny\n\nz")
        #expect(m.sentences(language: "en").map(\.text) == [
            "If you are happy with your purchase,\nplease leave us a    five-star review.",
            "Hi John,", "Thank you.", "Order:", "shipped", "1. Return it", "2. get a refund", "Leave a review", "free returns", "Leave us a\n5-star review\nand get a gift.",
            "free gift", "leave a review", "a", "b", "x\ny", "z",
        ])
        // Positions still map to the source across the soft breaks.
        let five = try #require(m.text.utf8.firstRange(of: "five-star".utf8))
        let off = m.text.utf8.distance(from: m.text.utf8.startIndex, to: five.lowerBound)
        let r = try #require(m.sourceRange(off..<(off + 9), in: d))
        #expect(r.start.line == 2 && r.start.column == 4)
    }

    /// Plain text: every newline is soft; a blank line ends the sentence.
    @Test func plainTextLinesRunOn() throws {
        let text = "Order {{order.id}}. If you are happy,\nplease leave a review.\nThanks\n\nthe team\nOrder details:\nqty 2"
        let d = PlainText.document(TextDecoder.decode(Array(text.utf8), html: false).source)
        let m = TextModel(document: d, placeholders: PlaceholderMatcher())
        #expect(m.text == text)
        #expect(m.sentences(language: "en").map(\.text) == [
            "Order {{order.id}}.", "If you are happy,\nplease leave a review.", "Thanks", "the team", "Order details:", "qty 2",
        ])
    }

    /// Text whose computed `white-space` keeps line breaks (`pre-wrap`, `pre-line`) keeps them in
    /// the model: its lines are wraps, not one long line.
    @Test func preWrapKeepsLineBreaks() throws {
        let d = try doc("<div id=w style=\"white-space: pre-wrap\">Leave a review if you like\nFree returns within 30 days</div><p>a\nB</p>")
        let w = try #require(d.nodes.indices.first { d.nodes[$0].attribute("id") == "w" })
        let m = TextModel(document: d, placeholders: PlaceholderMatcher(), keepsLineBreaks: { $0 == w })
        #expect(m.text == "Leave a review if you like\nFree returns within 30 days\na B")
        #expect(m.sentences(language: "en").map(\.text) == ["Leave a review if you like", "Free returns within 30 days", "a B"])
    }
}
