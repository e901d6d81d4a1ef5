import Foundation
import Testing
@testable import BSMDocument

@Suite struct EMLMessageTests {
    // MARK: subject and headers

    @Test func foldedBEncodedSubjectWithValueRange() throws {
        let file = try EMLFixture.bytes("order-confirmation-qp.eml")
        let m = try EMLMessage.parse(file)
        let subject = try #require(m.subject)
        #expect(subject.decoded == "Your order – thank you for shopping with us!")
        #expect(subject.raw == "=?UTF-8?B?WW91ciBvcmRlciDigJMgdGhhbmsgeW91?= =?UTF-8?B?IGZvciBzaG9wcGluZyB3aXRoIHVzIQ==?=")
        // The value starts after "Subject: " and ends on the folded continuation line.
        let start = try #require(expectedPosition(of: "=?UTF-8?B?WW91", in: file))
        let endOfSecondWord = try #require(expectedPosition(of: "IQ==?=", in: file))
        #expect(subject.range.start == start)
        #expect(subject.range.end.line == start.line + 1)
        #expect(subject.range.end.offset == endOfSecondWord.offset + 6)
        #expect(m.problems.isEmpty)

        // Same message with CRLF line endings: same text, offsets shifted by the extra CRs.
        let crlfFile = EMLFixture.crlf(file)
        let crlf = try EMLMessage.parse(crlfFile)
        #expect(crlf.subject?.decoded == subject.decoded)
        #expect(crlf.subject?.raw == subject.raw)
        let crlfStart = try #require(expectedPosition(of: "=?UTF-8?B?WW91", in: crlfFile))
        let crlfEnd = try #require(expectedPosition(of: "IQ==?=", in: crlfFile))
        #expect(crlf.subject?.range.start == crlfStart)
        #expect(crlf.subject?.range.end.offset == crlfEnd.offset + 6)
        #expect(crlf.htmlPart?.text.contains("\r\n<p class=\"greeting\">Hello,</p>\r\n") == true)
        #expect(crlf.headers.count == m.headers.count)
    }

    @Test func headersAreUnfoldedAndCaseInsensitive() throws {
        let m = try EMLMessage.parse(EMLFixture.bytes("order-confirmation-qp.eml"))
        let received = try #require(m.header("RECEIVED"))
        #expect(received.name == "Received")
        #expect(received.rawValue == "from mail.example-seller.com (mail.example-seller.com [192.0.2.10])\tby mx.example.net with ESMTPS id abc123\tfor <buyer@example.net>; Tue, 3 Nov 2026 10:15:02 +0000")
        #expect(!received.rawValue.contains("\n"))
        #expect(received.range.start == SourcePosition(line: 2, column: 1, offset: received.range.start.offset))
        #expect(received.valueRange.end.line == 4)
        #expect(m.headers.map(\.lowercasedName).prefix(4) == ["return-path", "received", "from", "to"])
        #expect(m.header("message-id")?.rawValue == "<20261103101500.8842@example-seller.com>")
    }

    @Test func qEncodedSubjectMixedWithPlainText() throws {
        let m = try EMLMessage.parse(EMLFixture.bytes("shipping-mixed-related.eml"))
        #expect(m.subject?.decoded == "Ihre Bestellung wurde versandt ä Sendungsnummer 1Z999")
        let w1252 = try EMLMessage.parse(EMLFixture.bytes("refund-base64-1252.eml"))
        #expect(w1252.subject?.decoded == "Rückerstattung – Bestellung 302-1111111-2222222")
    }

    // MARK: bodies

    @Test func alternativeWithQuotedPrintableTextAndHTML() throws {
        let m = try EMLMessage.parse(EMLFixture.bytes("order-confirmation-qp.eml"))
        let html = try #require(m.htmlPart)
        #expect(html.contentType == "text/html")
        #expect(html.charset == "utf-8")
        #expect(html.transferEncoding == "quoted-printable")
        #expect(!html.positionsMapToFile)
        #expect(html.isInAlternative)
        let htmlText = html.text
        #expect(htmlText.contains("<p class=\"greeting\">Hello,</p>"))
        #expect(htmlText.contains("We will ship it within two business days – you will get a tracking number from Amazon.</p>"))
        #expect(htmlText.hasSuffix("</body></html>"))  // the line break before the boundary is not body
        let doc = try HTMLParser.parse(html.source(html: true))
        #expect(doc.elements(named: "p").count == 3)
        #expect(doc.textContent(try #require(doc.firstElement(named: "b"))) == "123-4567890-1234567")

        let text = try #require(m.textPart)
        #expect(text.contentType == "text/plain")
        #expect(text.text.contains("two business days – you will get"))
        #expect(text.text.hasPrefix("Hello,\n\nThank you"))
        #expect(m.attachments.isEmpty)
    }

    @Test func base64HTMLInWindows1252() throws {
        let m = try EMLMessage.parse(EMLFixture.bytes("refund-base64-1252.eml"))
        let html = try #require(m.htmlPart)
        #expect(html.transferEncoding == "base64")
        #expect(html.charset == "windows-1252")
        #expect(!html.positionsMapToFile)
        #expect(html.decodedBytes.contains(0xFC))  // ü, still in windows-1252
        let src = html.source(html: true)
        #expect(src.encoding == "windows-1252")
        #expect(html.text == "<html><body><p>Ihre Rücksendung wurde erstattet – Betrag: 19,99 €.</p></body></html>\n")
        #expect(m.textPart == nil)
        #expect(m.attachments.isEmpty)
    }

    @Test func base64HTMLInUTF8WithoutPadding() throws {
        let m = try EMLMessage.parse(EMLFixture.bytes("feedback-base64-utf8.eml"))
        let html = try #require(m.htmlPart)
        #expect(html.transferEncoding == "base64")
        #expect(html.text == "<div><p>Wie zufrieden waren Sie? Bewerten Sie Ihren Kauf – danke! 😊</p></div>")
        let doc = try HTMLParser.parse(html.source(html: true))
        #expect(doc.textContent(try #require(doc.firstElement(named: "p"))).hasSuffix("danke! 😊"))
        // The text/plain part has no Content-Transfer-Encoding: 7bit, mapped to the file.
        let text = try #require(m.textPart)
        #expect(text.transferEncoding == "7bit")
        #expect(text.positionsMapToFile)
        #expect(text.text == "Wie zufrieden waren Sie?")
    }

    // MARK: attachments

    @Test func attachmentsInlineImageAndRFC2231Filename() throws {
        let file = try EMLFixture.bytes("shipping-mixed-related.eml")
        let m = try EMLMessage.parse(file)
        #expect(m.problems.isEmpty, "\(m.problems)")
        #expect(m.attachments.count == 3)

        let png = try #require(m.attachments.first { $0.contentType == "image/png" })
        #expect(png.filename == "logo.png")
        #expect(png.contentID == "logo@example-seller")
        #expect(png.disposition == "inline")
        #expect(png.isInline)
        #expect(png.isInRelated)
        #expect(png.size == 128)
        #expect(png.transferEncoding == "base64")
        let pngHeaders = try #require(expectedPosition(of: "Content-Type: image/png", in: file))
        #expect(png.headerRange.start == pngHeaders)
        let pngDisposition = try #require(expectedPosition(of: "Content-Disposition: inline; filename=\"logo.png\"", in: file))
        #expect(png.headerRange.end.line == pngDisposition.line)

        let pdf = try #require(m.attachments.first { $0.contentType == "application/pdf" })
        #expect(pdf.filename == "Rechnung Nr. 42 – Müller.pdf")
        #expect(pdf.disposition == "attachment")
        #expect(!pdf.isInline)
        #expect(!pdf.isInRelated)
        #expect(pdf.size == 77)
        #expect(pdf.headerRange.start == (try #require(expectedPosition(of: "Content-Type: application/pdf", in: file))))

        let csv = try #require(m.attachments.first { $0.contentType == "text/csv" })
        #expect(csv.filename == "Artikelübersicht.csv")
        #expect(csv.size == "Artikel;Menge\nKaffeebecher;2".utf8.count)

        // Order is file order.
        #expect(m.attachments.map(\.contentType) == ["image/png", "application/pdf", "text/csv"])
        #expect(m.textPart?.text == "Ihre Bestellung ist unterwegs - vielen Dank!")
    }

    @Test func textPartWithAttachmentDispositionIsNotTheBody() throws {
        let eml = """
            From: a@example.com
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=x

            --x
            Content-Type: text/plain; name=notes.txt
            Content-Disposition: attachment

            attached notes
            --x
            Content-Type: text/plain; charset=utf-8

            the body
            --x
            Content-Type: text/plain; charset=utf-8
            Content-Disposition: inline; filename="terms.txt"

            inline but named: an attachment
            --x--

            """
        let m = try EMLMessage.parse(utf8(eml))
        #expect(m.textPart?.text == "the body")
        #expect(m.attachments.map(\.filename) == ["notes.txt", "terms.txt"])
        #expect(m.attachments.map(\.size) == [14, 31])
        #expect(m.htmlPart == nil)
    }

    @Test func otherRenderingsOfTheBodyAreNeitherBodyNorAttachment() throws {
        let eml = """
            From: a@example.com
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: multipart/alternative; boundary=x

            --x
            Content-Type: text/plain; charset=utf-8

            plain
            --x
            Content-Type: text/x-amp-html; charset=utf-8

            <html amp4email><p>amp</p></html>
            --x
            Content-Type: text/watch-html; charset=utf-8

            <p>watch</p>
            --x
            Content-Type: text/calendar; method=REQUEST; charset=utf-8

            BEGIN:VCALENDAR
            --x
            Content-Type: text/html; charset=utf-8

            <p>html</p>
            --x--
            --m
            Content-Type: text/calendar; name=delivery.ics
            Content-Disposition: attachment; filename=delivery.ics

            BEGIN:VCALENDAR
            --m--

            """
        let m = try EMLMessage.parse(utf8(eml))
        #expect(m.htmlPart?.text == "<p>html</p>")
        #expect(m.textPart?.text == "plain")
        // The named calendar file in multipart/mixed is an attachment; the alternatives are not.
        #expect(m.attachments.map(\.filename) == ["delivery.ics"])
    }

    // MARK: positions

    @Test func eightBitHTMLPositionsMapIntoTheFile() throws {
        for file in [try EMLFixture.bytes("shipping-mixed-related.eml"), EMLFixture.crlf(try EMLFixture.bytes("shipping-mixed-related.eml"))] {
            let m = try EMLMessage.parse(file)
            let html = try #require(m.htmlPart)
            #expect(html.transferEncoding == "8bit")
            #expect(html.positionsMapToFile)
            let bodyStart = try #require(expectedPosition(of: "<!DOCTYPE html>", in: file))
            #expect(html.bodyOffset == bodyStart.offset)
            #expect(html.bodyLine == bodyStart.line - 1)

            let doc = try HTMLParser.parse(html.source(html: true))
            let p = doc[try #require(doc.firstElement(named: "p"))]
            #expect(p.range.start == (try #require(expectedPosition(of: "<p class=\"lead\">", in: file))))
            let img = doc[try #require(doc.firstElement(named: "img"))]
            #expect(img.range.start == (try #require(expectedPosition(of: "<img src=\"cid:", in: file))))
            // After the non-ASCII "ä" in <title>: columns count characters, offsets bytes.
            let title = doc[try #require(doc.firstElement(named: "title"))]
            #expect(title.range.start == (try #require(expectedPosition(of: "<title>", in: file))))
            let body = doc[try #require(doc.firstElement(named: "body"))]
            #expect(body.range.start == (try #require(expectedPosition(of: "<body>", in: file))))
            // The body ends before the line break that precedes the boundary.
            #expect(html.decodedBytes.last == UInt8(ascii: ">"))
            #expect(m.problems.isEmpty)
        }
    }

    @Test func windows1252EightBitPartMapsOffsets() throws {
        var file = utf8("Subject: x\nContent-Type: text/html; charset=windows-1252\nContent-Transfer-Encoding: 8bit\n\n<p>Gr")
        file.append(0xFC)  // ü
        file += utf8("n <a href=\"https://example.com\">link</a></p>\n")
        let m = try EMLMessage.parse(file)
        let html = try #require(m.htmlPart)
        let doc = try HTMLParser.parse(html.source(html: true))
        let a = doc[try #require(doc.firstElement(named: "a"))]
        #expect(a.range.start == (try #require(expectedPosition(of: "<a href", in: file))).withColumn(9))
        #expect(doc.textContent(Document.rootID).hasPrefix("Grün"))
    }

    // MARK: plain and damaged messages

    @Test func messageWithoutMIMEHeadersIsPlainText() throws {
        for file in [try EMLFixture.bytes("plain-no-mime.eml"), EMLFixture.crlf(try EMLFixture.bytes("plain-no-mime.eml"))] {
            let m = try EMLMessage.parse(file)
            #expect(m.subject?.decoded == "Question about your order")
            let text = try #require(m.textPart)
            #expect(text.contentType == "text/plain")
            #expect(text.charset == nil)
            #expect(text.transferEncoding == "7bit")
            #expect(text.positionsMapToFile)
            let start = try #require(expectedPosition(of: "Hello,", in: file))
            #expect(text.bodyLine == 5)
            #expect(text.bodyOffset == start.offset)
            let src = text.source(html: false)
            #expect(src.position(0) == start)
            #expect(src.lineText(8) == "could you confirm the delivery address for order 123-4567890-1234567?")
            #expect(m.htmlPart == nil)
            #expect(m.attachments.isEmpty)
            #expect(m.problems.isEmpty)
        }
    }

    @Test func fileWithNoHeadersAtAllIsOneTextBody() throws {
        let m = try EMLMessage.parse(utf8("Hi there,\nthanks for your order.\n"))
        #expect(m.headers.isEmpty)
        #expect(m.subject == nil)
        #expect(m.textPart?.text == "Hi there,\nthanks for your order.\n")
        #expect(m.textPart?.bodyOffset == 0)
        #expect(m.problems.count == 1)
    }

    @Test func neverClosingBoundaryKeepsWhatIsThere() throws {
        let m = try EMLMessage.parse(EMLFixture.bytes("truncated-unclosed.eml"))
        #expect(m.htmlPart?.text == "<p>Your package is out for delivery.</p>")
        #expect(m.textPart?.text == "Your package is out for delivery, and this part was cut off in the mid")
        #expect(m.problems.contains { $0.contains("never closed") })
    }

    @Test func multipartWithoutItsBoundaryIsReadAsText() throws {
        let eml = "Content-Type: multipart/alternative; boundary=zzz\n\n<p>boundary never used</p>\n"
        let m = try EMLMessage.parse(utf8(eml))
        #expect(m.textPart?.text == "<p>boundary never used</p>\n")
        #expect(m.problems.contains { $0.contains("no part") })
    }

    @Test func unknownTransferEncodingAndMissingBlankLine() throws {
        let eml = """
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/html
            Content-Transfer-Encoding: x-gzip64
            <p>no blank line</p>
            --b--
            """
        let m = try EMLMessage.parse(utf8(eml))
        let html = try #require(m.htmlPart)
        #expect(html.text == "<p>no blank line</p>")
        #expect(html.transferEncoding == "binary")
        #expect(html.positionsMapToFile)
        #expect(html.bodyLine == 5)
        #expect(m.problems.count == 2)
        #expect(m.problems.contains { $0.contains("x-gzip64") })
        #expect(m.problems.contains { $0.contains("no blank line") })
    }

    @Test func hopelessInputThrows() {
        #expect(throws: InputError.malformed("empty message")) { try EMLMessage.parse([]) }
        #expect(throws: InputError.malformed("empty message")) { try EMLMessage.parse(utf8(" \r\n\n")) }
        #expect(throws: InputError.self) { try EMLMessage.parse([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x0A]) }
        #expect(throws: InputError.tooLarge(bytes: 100, limit: 50)) {
            try EMLMessage.parse([UInt8](repeating: 0x41, count: 100), limits: EMLLimits(maxBytes: 50))
        }
    }

    // MARK: sniffing

    @Test func sniffing() throws {
        #expect(EMLMessage.looksLikeEML(try EMLFixture.bytes("order-confirmation-qp.eml")))
        #expect(EMLMessage.looksLikeEML(try EMLFixture.bytes("plain-no-mime.eml")))
        #expect(EMLMessage.looksLikeEML(EMLFixture.crlf(try EMLFixture.bytes("shipping-mixed-related.eml"))))
        #expect(EMLMessage.looksLikeEML(utf8("From MAILER-DAEMON Thu Nov  5 12:00:00 2026\nMIME-Version: 1.0\n\nx")))
        #expect(!EMLMessage.looksLikeEML(utf8("<!DOCTYPE html>\n<html><body>Hi</body></html>")))
        #expect(!EMLMessage.looksLikeEML(utf8("Dear customer,\n\nthank you.\n")))
        #expect(!EMLMessage.looksLikeEML(utf8("Subject: only one header\n\nbody")))
        #expect(!EMLMessage.looksLikeEML(utf8("Note: remember\nthis is a text\n")))
        #expect(!EMLMessage.looksLikeEML([]))
        // A binary body does not matter; binary bytes in the header block do.
        #expect(EMLMessage.looksLikeEML(utf8("MIME-Version: 1.0\nContent-Type: application/octet-stream\n\n") + [0, 1, 2, 0]))
        #expect(!EMLMessage.looksLikeEML(utf8("MIME-Version: 1.0\nX-Bin: a") + [0] + utf8("b\n\nbody")))
    }
}

extension SourcePosition {
    func withColumn(_ c: Int) -> SourcePosition { SourcePosition(line: line, column: c, offset: offset) }
}

// MARK: - support shared by the EML test suites

/// Fixtures live in `Fixtures/eml` at the package root.
enum EMLFixture {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/eml")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The same file with CRLF line endings.
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 20)
        for b in bytes {
            if b == 0x0A { out.append(0x0D) }
            out.append(b)
        }
        return out
    }
}

/// Where a byte string first occurs in a file, as a `SourcePosition` computed independently of
/// the reader (1-based line, 1-based column in Unicode scalars, 0-based byte offset).
func expectedPosition(of needle: String, in file: [UInt8]) -> SourcePosition? {
    let n = Array(needle.utf8)
    guard !n.isEmpty, file.count >= n.count else { return nil }
    for i in 0...(file.count - n.count) where Array(file[i..<(i + n.count)]) == n {
        var line = 1
        var lineStart = 0
        for k in 0..<i where file[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        let column = String(decoding: file[lineStart..<i], as: UTF8.self).unicodeScalars.count + 1
        return SourcePosition(line: line, column: column, offset: i)
    }
    return nil
}

func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }
