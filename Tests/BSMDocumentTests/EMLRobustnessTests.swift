import Testing
@testable import BSMDocument

@Suite struct EMLRobustnessTests {
    static let fixtures = ["order-confirmation-qp.eml", "shipping-mixed-related.eml", "refund-base64-1252.eml",
                           "feedback-base64-utf8.eml", "plain-no-mime.eml", "truncated-unclosed.eml"]

    /// Every range and offset the reader reports lies inside the file.
    static func checkInside(_ m: EMLMessage, _ count: Int) {
        for h in m.headers {
            #expect(h.range.start.offset >= 0 && h.range.end.offset <= count)
            #expect(h.valueRange.start.offset >= h.range.start.offset)
            #expect(h.range.start.line >= 1 && h.range.start.column >= 1)
        }
        for part in [m.htmlPart, m.textPart].compactMap({ $0 }) {
            #expect(part.bodyOffset >= 0 && part.bodyOffset <= count)
            #expect(part.bodyRange.end.offset <= count)
            if part.positionsMapToFile { #expect(part.bodyOffset + part.decodedBytes.count <= count) }
        }
        for a in m.attachments {
            #expect(a.headerRange.end.offset <= count)
            #expect(a.bodyRange.start.offset <= a.bodyRange.end.offset)
        }
    }

    @Test func everyTruncationOfEveryFixtureParses() throws {
        for name in Self.fixtures {
            let file = try EMLFixture.bytes(name)
            for cut in stride(from: 1, through: file.count, by: 3) {
                let prefix = Array(file.prefix(cut))
                do {
                    let m = try EMLMessage.parse(prefix)
                    Self.checkInside(m, prefix.count)
                } catch let e as InputError {
                    #expect(e == .malformed("empty message"))
                }
            }
        }
    }

    @Test func randomByteDamageNeverCrashes() throws {
        var rng = SplitMix(seed: 0x5EED)
        let specials: [UInt8] = Array("-=?\r\n\t ;\"'*%:<>".utf8) + [0x00, 0xC3, 0xFF]
        for name in Self.fixtures {
            let file = try EMLFixture.bytes(name)
            for _ in 0..<150 {
                var damaged = file
                for _ in 0..<(1 + Int(rng.next() % 8)) {
                    let i = Int(rng.next() % UInt64(damaged.count))
                    switch rng.next() % 3 {
                    case 0: damaged[i] = specials[Int(rng.next() % UInt64(specials.count))]
                    case 1: damaged.remove(at: i)
                    default: damaged.insert(specials[Int(rng.next() % UInt64(specials.count))], at: i)
                    }
                }
                if let m = try? EMLMessage.parse(damaged) {
                    Self.checkInside(m, damaged.count)
                }
            }
        }
    }

    @Test func crOnlyLineEndingsWork() throws {
        let lf = try EMLFixture.bytes("shipping-mixed-related.eml")
        let cr = lf.map { $0 == 0x0A ? 0x0D : $0 }
        let m = try EMLMessage.parse(cr)
        #expect(m.attachments.map(\.filename) == ["logo.png", "Rechnung Nr. 42 – Müller.pdf", "Artikelübersicht.csv"])
        let html = try #require(m.htmlPart)
        let doc = try HTMLParser.parse(html.source(html: true))
        let p = doc[try #require(doc.firstElement(named: "p"))]
        let expected = try #require(expectedPosition(of: "<p class=\"lead\">", in: lf))
        #expect(p.range.start == expected)  // same line/column/offset: CR is one byte like LF
    }

    @Test func htmlInsideAlternativeIsPreferred() throws {
        let eml = """
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/html

            <p>loose html part</p>
            --m
            Content-Type: multipart/alternative; boundary=a

            --a
            Content-Type: text/plain

            plain alternative
            --a
            Content-Type: text/html

            <p>html alternative</p>
            --a--
            --m
            Content-Type: image/gif
            Content-ID: <spacer>
            Content-Transfer-Encoding: base64

            R0lGODlhAQABAAAAACw=
            --m--
            """
        let m = try EMLMessage.parse(utf8(eml))
        #expect(m.htmlPart?.text == "<p>html alternative</p>")
        #expect(m.htmlPart?.isInAlternative == true)
        #expect(m.textPart?.text == "plain alternative")
        // The other body parts are kept, in file order, to be checked too.
        #expect(m.problems.isEmpty)
        #expect(m.otherBodyParts.map(\.text) == ["<p>loose html part</p>", "plain alternative"])
        let gif = try #require(m.attachments.first)
        #expect(m.attachments.count == 1)
        #expect(gif.filename == nil)
        #expect(gif.contentID == "spacer")
        #expect(gif.isInline)
        #expect(gif.size == 14)
    }

    @Test func rawEightBitHeadersAreRead() throws {
        var file = utf8("Subject: Bestellbestätigung für Sie\nFrom: ")
        file += [0x4A, 0xF6, 0x72, 0x67]  // "Jörg" in latin-1: not UTF-8
        file += utf8(" <j@example.com>\n\nbody\n")
        let m = try EMLMessage.parse(file)
        #expect(m.subject?.decoded == "Bestellbestätigung für Sie")
        #expect(m.subject?.range.end.column == 36)  // columns count characters
        #expect(m.header("from")?.decodedValue == "Jörg <j@example.com>")
        #expect(m.textPart?.text == "body\n")
    }

    @Test func encodedWordsInDisplayNamesAndEmptyValues() throws {
        let m = try EMLMessage.parse(utf8("From: =?utf-8?q?Caf=C3=A9_M=C3=BCller?= <cafe@example.com>\nX-Empty:\nSubject:\n =?utf-8?b?SGFsbG8=?=\n\nx"))
        #expect(m.header("from")?.decodedValue == "Café Müller <cafe@example.com>")
        #expect(m.header("x-empty")?.rawValue == "")
        #expect(m.header("x-empty")?.valueRange.start.column == 9)
        let subject = try #require(m.subject)
        #expect(subject.decoded == "Hallo")
        #expect(subject.range.start == SourcePosition(line: 4, column: 2, offset: 78))
    }
}

/// Deterministic PRNG for damage tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct EMLCharsetNoteTests {
    /// A charset nothing can decode is named in a note; the part is read as UTF-8 (audit V).
    @Test func unknownCharsetIsNoted() throws {
        let eml = "Subject: x\nContent-Type: text/plain; charset=x-no-such-charset\n\nHello\n"
        let m = try EMLMessage.parse(Array(eml.utf8))
        #expect(m.problems == ["line 1: charset \"x-no-such-charset\" is unknown; the text/plain part is read as UTF-8"])
        #expect(m.textPart?.text == "Hello\n")
        let known = try EMLMessage.parse(Array("Subject: x\nContent-Type: text/plain; charset=iso-2022-jp\n\nHello\n".utf8))
        #expect(known.problems.isEmpty)
    }
}
