import BSMDocument
import BSMEngine
import BSMRules
import Testing

/// Findings in quoted-printable and base64 .eml parts point into the .eml file (REPORT.md:
/// offsets are byte positions in the original file), not into the decoded part.
struct EMLPositionTests {
    func findings(_ eml: String, rule: String) throws -> [Finding] {
        var config = Configuration()
        config.onlyRules = [rule]
        let linter = try Linter(ruleTypes: BuiltinRules.all, configuration: config)
        let r = linter.check(path: "m.eml", bytes: Array(eml.utf8))
        #expect(r.status == .checked)
        return r.findings.filter { $0.ruleId == rule }
    }

    /// 1-based line and column (scalars) and byte offset of `needle` in `text`.
    func locate(_ needle: String, in text: String) throws -> (line: Int, column: Int, offset: Int) {
        let bytes = Array(text.utf8), n = Array(needle.utf8)
        var at = -1
        for i in 0...(bytes.count - n.count) where Array(bytes[i..<(i + n.count)]) == n { at = i; break }
        try #require(at >= 0, "\(needle) not in the message")
        var line = 1, lineStart = 0
        for i in 0..<at where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        return (line, at - lineStart + 1, at)
    }

    @Test func quotedPrintableHTMLPart() throws {
        let eml = "From: shop@example.com\r\nSubject: Your order\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "<html lang=3D\"en\"><body><p>Caf=C3=A9 order 123-1234567-1234567 is on its way, we ho=\r\n"
            + "pe.</p>\r\n<p>Photo: <img src=3D\"https://example.com/a.png\"></p></body></html>\r\n"
        let f = try #require(try findings(eml, rule: "img-alt").first)
        let want = try locate("<img src=3D", in: eml)
        #expect(f.range.start.line == want.line)
        #expect(f.range.start.column == want.column)
        #expect(f.range.start.offset == want.offset)
        // The span covers the encoded tag in the file (`=3D` is three bytes there).
        #expect(f.range.length == "<img src=3D\"https://example.com/a.png\">".utf8.count)
        #expect(f.snippet?.hasPrefix("<img src=3D") == true)
    }

    @Test func base64HTMLPartPointsIntoTheEncodedBody() throws {
        let html = "<html lang=\"en\"><body><p>Order 123-1234567-1234567 shipped.</p><p><img src=\"https://example.com/b.png\"></p></body></html>"
        let b64 = base64(Array(html.utf8))
        var body = ""
        var i = b64.startIndex
        while i < b64.endIndex {
            let j = b64.index(i, offsetBy: 76, limitedBy: b64.endIndex) ?? b64.endIndex
            body += b64[i..<j] + "\r\n"
            i = j
        }
        let head = "From: shop@example.com\r\nTo: buyer@example.com\r\nSubject: Order\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        let eml = head + body
        let f = try #require(try findings(eml, rule: "img-alt").first)
        // The `<img` starts at decoded byte k: its first bits are in base64 symbol 4*(k/3) + k%3.
        let k = try locate("<img", in: html).offset
        let symbol = 4 * (k / 3) + k % 3
        let lineOfBody = symbol / 76, column = symbol % 76 + 1
        let headLines = head.components(separatedBy: "\r\n").count - 1
        #expect(f.range.start.line == headLines + 1 + lineOfBody)
        #expect(f.range.start.column == column)
        #expect(f.range.start.offset == head.utf8.count + lineOfBody * 78 + (column - 1))
    }

    func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < bytes.count {
            let b0 = Int(bytes[i]), b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0, b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[(b0 & 3) << 4 | b1 >> 4])
            out.append(i + 1 < bytes.count ? alphabet[(b1 & 15) << 2 | b2 >> 6] : "=")
            out.append(i + 2 < bytes.count ? alphabet[b2 & 63] : "=")
            i += 3
        }
        return out
    }
}

/// Every body part of an .eml is checked (audit V): a text part of a multipart/mixed, a
/// second text part, a text alternative; whole-message rules read the primary part once, and a
/// finding the text alternative repeats from the HTML is reported once.
struct EMLBodyPartTests {
    func check(_ eml: String) throws -> [Finding] {
        let linter = try Linter(ruleTypes: BuiltinRules.all, configuration: Configuration())
        let r = linter.check(path: "m.eml", bytes: Array(eml.utf8))
        #expect(r.status == .checked)
        return r.findings
    }

    @Test func mixedTextPartBesideTheHTML() throws {
        let eml = "From: s@example.com\nSubject: Order 112-3456789-0123456\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n"
            + "Call us at +1 800 555 1234.\n--b\nContent-Type: text/html; charset=utf-8\n\n"
            + "<p>Could you confirm the engraving text?</p>\n--b--\n"
        let f = try check(eml)
        let phone = try #require(f.first { $0.ruleId == "contact-info" })
        #expect(phone.range.start.line == 9 && phone.range.start.column == 12)
        #expect(!f.contains { $0.ruleId == "order-id-missing" }, "the subject holds the order id")
        #expect(f.filter { $0.ruleId == "content-lang" }.count == 1, "whole-message rules run once: on the HTML, not again on the text part")
    }

    @Test func secondHTMLPartAndTextAlternative() throws {
        let eml = "From: s@example.com\nSubject: Your order\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/related; boundary=r\n\n--r\nContent-Type: multipart/alternative; boundary=a\n\n"
            + "--a\nContent-Type: text/plain; charset=utf-8\n\nOrder 112-3456789-0123456. Mail info@shop.example or call 0800 123 4567.\n"
            + "--a\nContent-Type: text/html; charset=utf-8\n\n<p lang=\"en\">Order 112-3456789-0123456. Mail info@shop.example.</p>\n--a--\n"
            + "--r\nContent-Type: text/html; charset=utf-8\n\n<p lang=\"en\">Questions? support@shop.example</p>\n--r--\n"
        let f = try check(eml).filter { $0.ruleId == "contact-info" }
        #expect(Set(f.compactMap(\.evidence)) == ["info@shop.example", "0800 123 4567", "support@shop.example"])
        #expect(f.filter { $0.evidence == "info@shop.example" }.count == 1, "the text alternative's repeat of the HTML's address is reported once")
        // Reported where each is written, in file order.
        #expect(f.map(\.range.start.offset) == f.map(\.range.start.offset).sorted())
    }

    /// A directive in the HTML covers what the text alternative repeats (review X), and a link
    /// in the HTML and its bare URL in the text alternative are one finding.
    @Test func directivesAndLinksAcrossParts() throws {
        func eml(_ html: String, _ text: String) -> String {
            "From: s@example.com\nSubject: Order 112-3456789-0123456\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/alternative; boundary=a\n\n--a\nContent-Type: text/plain; charset=utf-8\n\n\(text)\n"
                + "--a\nContent-Type: text/html; charset=utf-8\n\n<div lang=\"en\" dir=\"ltr\">\(html)</div>\n--a--\n"
        }
        let next = try check(eml("<!-- bsmlint-disable-next contact-info --><p>Call 0800 123 4567.</p>", "Call 0800 123 4567."))
        #expect(!next.contains { $0.ruleId == "contact-info" }, "suppressed in the HTML: not reported from the text part")
        let wide = try check(eml("<!-- bsmlint-disable contact-info --><p>Mail info@shop.example</p>", "Mail info@shop.example or call 0800 123 4567."))
        #expect(!wide.contains { $0.ruleId == "contact-info" }, "a file-wide disable covers every part")
        let links = try check(eml("<p><a href=\"http://shop.example/x\">Shop</a> <a href=\"mailto:info@shop.example\">Mail</a></p>",
                                  "Shop: http://shop.example/x Mail: info@shop.example"))
        #expect(links.filter { $0.ruleId == "insecure-link" }.count == 1)
        #expect(links.filter { $0.ruleId == "contact-info" }.count == 1)
        #expect(links.filter { $0.ruleId == "external-link" }.count == 0, "http: is insecure-link's, not external-link's")
        // Written differently in the two parts: one finding each (review Z).
        let variants = try check(eml("<p><a href=\"tel:+18005551234\">Call</a> <a href=\"mailto:info@shop.example?subject=Order\">Mail</a> <a href=\"https://www.shop.example/help/\">Help</a></p>",
                                     "Call +1 800 555 1234, mail info@shop.example, help: https://shop.example/help"))
        #expect(variants.filter { $0.ruleId == "contact-info" }.count == 2, "\(variants.filter { $0.ruleId == "contact-info" }.map(\.evidence))")
        #expect(variants.filter { $0.ruleId == "external-link" }.count == 1, "\(variants.filter { $0.ruleId == "external-link" }.map(\.evidence))")
    }
}
