import Testing
@testable import BSMText

@Suite struct URLScanTests {
    func urls(_ s: String, _ c: URLScanner.Context = .text) -> [String] { URLScanner.urls(in: s, context: c).map(\.text) }

    @Test func schemesWwwAndBareDomains() {
        let s = "Go to https://www.amazon.com/review/create?asin=B01, or http://example.org. Also www.shop.de and amazon.co.uk/dp/B01!"
        let m = URLScanner.urls(in: s)
        #expect(m.map(\.text) == ["https://www.amazon.com/review/create?asin=B01", "http://example.org",
                                  "www.shop.de", "amazon.co.uk/dp/B01"])
        #expect(m.map(\.kind) == [.url, .url, .wwwURL, .bareDomain])
        let bytes = Array(s.utf8)
        for x in m { #expect(String(decoding: bytes[x.utf8Range], as: UTF8.self) == x.text) }
    }

    /// Audit P: a missing space after a full stop is not a domain.
    @Test func bareDomainsWithoutAPath() {
        #expect(urls("Visit acme-shop.com for the manual, or Amazon.com, or AMAZON.CO.UK.") == ["acme-shop.com", "Amazon.com", "AMAZON.CO.UK"])
        #expect(urls("We shipped your order.It should arrive. Look in the box.In the meantime, tell.Me. Yes.No problem, go.To here.").isEmpty)
        #expect(urls("box.in the meantime, arrived.at noon").isEmpty)
        #expect(urls("Visita il nostro negozio su mionegozio.it per altre offerte, meinshop.at oder maboutique.be.") == ["mionegozio.it", "meinshop.at", "maboutique.be"])
        #expect(urls("See shop.it/manual and amazon.in/dp/B01") == ["shop.it/manual", "amazon.in/dp/B01"])
    }

    /// Audit P: identifiers written in groups and invisible characters inside numbers.
    @Test func groupedIdentifiersAndInvisibleCharacters() {
        #expect(URLScanner.phoneNumbers(in: "UPS tracking: 1Z 999 AA1 01 2345 678 4.").isEmpty)
        // Vanity toll-free numbers.
        #expect(URLScanner.phoneNumbers(in: "Call 1-800-FLOWERS today").map(\.text) == ["1-800-FLOWERS"])
        #expect(URLScanner.phoneNumbers(in: "Call 800-GOT-JUNK.").map(\.text) == ["800-GOT-JUNK"])
        #expect(URLScanner.phoneNumbers(in: "Call (888) PIZZA-42 or +1 877 CONTACTS").map(\.text) == ["(888) PIZZA-42", "+1 877 CONTACTS"])
        #expect(URLScanner.phoneNumbers(in: "Call 1 (800) FLOWERS now and 555-1234").map(\.text) == ["1 (800) FLOWERS", "555-1234"])
        for none in ["1-800-Flowers.com", "1-800-FLOWERS.COM", "the 800-page manual", "model 800-XL", "SKU A1-800-ABCDEFG",
                     "800-ABCDEFGHIJKLM", "8000-FLOWERS", "800-FLOWERS_2", "1-801-FLOWERS", "800 PAGES",
                     "TRUSTED BY 800 RETAILERS", "OVER 800 BLANKETS SOLD"] {
            #expect(URLScanner.phoneNumbers(in: none).isEmpty, "\(none)")
        }
        #expect(URLScanner.phoneNumbers(in: "Tel: 01 2345 678 4").map(\.text) == ["01 2345 678 4"], "a keyword still makes it a number")
        #expect(URLScanner.phoneNumbers(in: "Acme Ltd, 5 King St, Manchester M1 1AE 0161 496 0000").map(\.text) == ["0161 496 0000"])
        #expect(URLScanner.phoneNumbers(in: "Open 24h 0800 123 4567").map(\.text) == ["0800 123 4567"])
        let shy = "Order 113-1234\u{AD}567-1234567 shipped."
        #expect(URLScanner.orderIDs(in: shy).map(\.text) == ["113-1234\u{AD}567-1234567"])
        #expect(URLScanner.phoneNumbers(in: shy).isEmpty)
    }

    @Test func trailingPunctuationAndBrackets() {
        #expect(urls("(see https://example.com/a_(b)).") == ["https://example.com/a_(b)"])
        #expect(urls("Link: https://example.com/x?y=1;") == ["https://example.com/x?y=1"])
        #expect(urls("\"https://example.com/\"") == ["https://example.com/"])
        #expect(urls("<https://example.com>") == ["https://example.com"])
        #expect(urls("¿Visitó https://amazon.es/?") == ["https://amazon.es/"])
        #expect(urls("詳細は https://amazon.co.jp/abc。ありがとう") == ["https://amazon.co.jp/abc"])
        #expect(urls("https://example.com/{{order.id}}/track") == ["https://example.com/{{order.id}}/track"])
    }

    @Test func urlsGluedToJapaneseText() {
        #expect(urls("詳細はhttps://amazon.co.jp/abcをご覧ください") == ["https://amazon.co.jp/abc"])
        #expect(urls("https://bücher.de/straße ok") == ["https://bücher.de/straße"])
        #expect(urls("サイトamazon.co.jp/dp/B01 へ") == ["amazon.co.jp/dp/B01"])
        #expect(urls("Straßeamazon.de").isEmpty)
        #expect(urls("https://例え.jp/パス") == ["https://例え.jp/"])
        #expect(urls("Visit Amazon.com’s help") == ["Amazon.com"])
        #expect(urls("amazon.comé").isEmpty)
    }

    @Test func notURLs() {
        #expect(urls("e.g. 3.5 mm, file.txt, readme.md, Mr.Smith, v1.2.3").isEmpty)
        #expect(urls("email help@shop.com now").isEmpty)
        #expect(urls("//cdn.example.com/x.png").isEmpty)
        #expect(urls("xhttps://example.com").isEmpty)
        #expect(urls("a https:// b").isEmpty)
    }

    @Test func protocolRelativeOnlyInAttributes() {
        let m = URLScanner.urls(in: " //cdn.example.com/img.png", context: .attribute)
        #expect(m.map(\.text) == ["//cdn.example.com/img.png"])
        #expect(m.first?.kind == .protocolRelative)
    }

    @Test func emails() {
        let m = URLScanner.emails(in: "Contact jane.doe+shop@example.co.uk, or info@shop.de. Not @handle or a@b or x@localhost.")
        #expect(m.map(\.text) == ["jane.doe+shop@example.co.uk", "info@shop.de"])
        #expect(m.allSatisfy { $0.kind == .email })
        let ob = URLScanner.emails(in: "write to service [at] myshop [dot] com or info(at)shop.de")
        #expect(ob.map(\.text) == ["service [at] myshop [dot] com", "info(at)shop.de"])
        #expect(ob.allSatisfy { $0.kind == .obfuscatedEmail })
        #expect(URLScanner.emails(in: "mailto:Ünïcode help@shop.com").map(\.utf8Range) == [17..<30])
        // Internationalized domains; kana after an address still ends it.
        #expect(URLScanner.emails(in: "Mail: info@müller.de, info@shop.jpまで").map(\.text) == ["info@müller.de", "info@shop.jp"])
        // A file name, and the user info of a URL, are no addresses.
        #expect(URLScanner.emails(in: "logo@2x.jpg icon@2x.png https://amazon.com@evil.net/x ftp://u:p@h.example.com").isEmpty)
    }

    @Test func phoneNumbers() {
        let p = URLScanner.phoneNumbers(in: "Call +1 (555) 123-4567 or 030 1234567, Tel: 0301234567, +49 30 123456.")
        #expect(p.map(\.text) == ["+1 (555) 123-4567", "030 1234567", "0301234567", "+49 30 123456"])
        #expect(p.allSatisfy { $0.kind == .phone })
    }

    @Test(arguments: [
        ("Tel: +49 (0)30 123 456 78", "+49 (0)30 123 456 78"), ("(555) 123-4567", "(555) 123-4567"),
        ("call 555.123.4567", "555.123.4567"), ("Fax 089/12345678", "089/12345678"),
        ("07700 900123", "07700 900123"), ("電話03-1234-5678", "03-1234-5678"), ("555-1234", "555-1234"),
        ("1-800-123-4567", "1-800-123-4567"), ("06 12 34 56 78", "06 12 34 56 78"),
        ("Call +1\u{00A0}800\u{00A0}555\u{00A0}1234", "+1\u{00A0}800\u{00A0}555\u{00A0}1234"),
        ("Tel.\u{00A0}030\u{00A0}1234567", "030\u{00A0}1234567"), ("Tél. : 01.23.45.67.89", "01.23.45.67.89"),
        ("電話：０３－１２３４－５６７８", "０３－１２３４－５６７８"), ("電話：03－1234－5678", "03－1234－5678"),
        ("電話 03ー1234ー5678", "03ー1234ー5678"),
        // A parenthesis around the whole number is not part of it; an area code's is.
        ("お電話（０３－１２３４－５６７８）まで", "０３－１２３４－５６７８"), ("電話（03-1234-5678）", "03-1234-5678"),
        ("Call us (0800 123 4567).", "0800 123 4567"), ("(03) 1234-5678", "(03) 1234-5678"),
        ("call (555) 123-4567", "(555) 123-4567"),
    ])
    func phoneFormats(_ input: String, _ expected: String) {
        #expect(URLScanner.phoneNumbers(in: input).map(\.text) == [expected])
    }

    @Test(arguments: [
        "Artikel 123-45-678", "Order date 2024/01/15 10:30", "Preis: 12 345 678", "ID 1234567", "Tracking: 123456789012",
        "1.234.567,89 €", "EUR 1 234 567", "15.01.2024-20.01.2024", "9:00-17:00", "Versand am 24.12. um 14.00 Uhr",
        "SKU 220-3345-1", "$ 1234567", "1234567 €", "Prix 1\u{202F}234\u{202F}567 €", "ラーメン１２３", "Lieferung am 03. 04. 2024", "Lieferung am 03.\u{00A0}04.\u{00A0}2024",
    ])
    func notPhoneFormats(_ input: String) {
        #expect(URLScanner.phoneNumbers(in: input).isEmpty, "\(input)")
    }

    @Test func notPhoneNumbers() {
        let s = """
        Order 112-3456789-0123456 of 2024-01-15 (15.01.2024, 01/15/2024) cost $1,234.56 or 1.234.567 €, \
        postcode 10115, ASIN B07XJ8C8F5, tracking 1Z999AA10123456784 and 9400 1000 0000 0000 0000 00, \
        ref #12345678, 1234 5678 9012, 12345678, ZIP 98109-5210, 2023-2024, ISBN 978-3-16-148410-0
        """
        #expect(URLScanner.phoneNumbers(in: s).map(\.text) == [])
    }

    @Test func orderIDs() {
        let s = "Bestellung 028-1234567-7654321, ref 1112-3456789-0123456, 112-3456789-01234567, D01-1234567-1234567 und (305-0000000-0000001)."
        let m = URLScanner.orderIDs(in: s)
        #expect(m.map(\.text) == ["028-1234567-7654321", "305-0000000-0000001"])
        #expect(m.allSatisfy { $0.kind == .orderID })
        #expect(m.first?.utf8Range == 11..<30)
        #expect(URLScanner.orderIDs(in: "112-3456789-012345").isEmpty)
        // Full-width digits and hyphens, a non-breaking hyphen: the same id, as written.
        let wide = "ご注文番号：１１２－３４５６７８９－０１２３４５６です"
        let w = URLScanner.orderIDs(in: wide)
        #expect(w.map(\.text) == ["１１２－３４５６７８９－０１２３４５６"])
        #expect(w.first?.utf8Range == 18..<75)
        #expect(URLScanner.orderIDs(in: "Order 112\u{2011}3456789\u{2011}0123456").map(\.text) == ["112\u{2011}3456789\u{2011}0123456"])
        #expect(URLScanner.orderIDs(in: "１１２－３４５６７８９－０１２３４５６７").isEmpty)
    }

    @Test func longInputsAreLinear() {
        let s = String(repeating: "a.b.c.d.e.f@x@y-1-2-3 ", count: 10_000)
        let clock = ContinuousClock()
        let t = clock.measure {
            _ = URLScanner.urls(in: s)
            _ = URLScanner.emails(in: s)
            _ = URLScanner.phoneNumbers(in: String(repeating: "1-", count: 50_000))
        }
        #expect(t < .seconds(5))
    }
}

@Suite struct URLInfoTests {
    let pm = PlaceholderMatcher()

    @Test func parsesParts() {
        let u = URLInfo.parse("  HTTPS://User@WWW.Amazon.COM.:443/review/x?asin=1#top ", placeholders: pm)
        #expect(u.scheme == "https")
        #expect(u.host == "www.amazon.com")
        #expect(u.port == 443)
        #expect(u.path == "/review/x")
        #expect(u.query == "asin=1")
        #expect(u.fragment == "top")
        #expect(u.isHTTPS && !u.isHTTP && !u.isUnknown && !u.isPlaceholderOnly)
        // Special schemes skip further slashes, as browsers do (audit W: `https:///host`).
        let triple = URLInfo.parse("https:///www.example.com/x", placeholders: pm)
        #expect(triple.host == "www.example.com" && triple.path == "/x")
        #expect(URLInfo.parse("http:\\\\\\evil.example/a", placeholders: pm).host == "evil.example")
        #expect(URLInfo.parse("file:///etc/x", placeholders: pm).host == nil, "not a special scheme here")
        // A long data: URL is read on bytes.
        let data = URLInfo.parse("data:image/png;base64," + String(repeating: "QUJD", count: 25_000), placeholders: pm)
        #expect(data.scheme == "data" && data.host == nil && data.query == nil)
    }

    @Test func placeholderOnlyURLsAreUnknown() {
        for raw in ["{{link}}", " {{ banner }} ", "%%review_url%%", "*|ARCHIVE|*", "[[ReviewLink]]"] {
            let u = URLInfo.parse(raw, placeholders: pm)
            #expect(u.isPlaceholderOnly, "\(raw)")
            #expect(u.isUnknown, "\(raw)")
            #expect(u.scheme == nil && u.host == nil, "\(raw)")
            #expect(!u.isHTTP)
        }
    }

    @Test func placeholderSchemeOrHostIsUnknown() {
        let a = URLInfo.parse("{{base_url}}/track/{{id}}", placeholders: pm)
        #expect(a.isUnknown && !a.isPlaceholderOnly && a.scheme == nil && a.host == nil)
        #expect(a.path == "/track/{{id}}")
        let b = URLInfo.parse("https://{{shop_domain}}/x", placeholders: pm)
        #expect(b.scheme == "https" && b.host == nil && b.hasPlaceholderHost)
        // A known host with a placeholder path is not unknown.
        let c = URLInfo.parse("http://example.com/{{order.id}}", placeholders: pm)
        #expect(c.isHTTP && c.host == "example.com" && !c.isUnknown)
    }

    @Test func otherForms() {
        let p = URLInfo.parse("//cdn.example.com/a.png")
        #expect(p.isProtocolRelative && p.scheme == nil && p.host == "cdn.example.com")
        let m = URLInfo.parse("mailto:help@shop.com?subject=Hi")
        #expect(m.scheme == "mailto" && m.host == nil && m.path == "help@shop.com" && m.query == "subject=Hi")
        let j = URLInfo.parse("java\nscript:alert(1)")
        #expect(j.scheme == "javascript")
        let r = URLInfo.parse("images/logo.png")
        #expect(r.isRelative && r.path == "images/logo.png")
        let bare = URLInfo.parse("www.Example.com/path?q", bare: true)
        #expect(bare.host == "www.example.com" && bare.path == "/path" && bare.scheme == nil)
        let port = URLInfo.parse("www.example.com:8080/x", bare: true)
        #expect(port.scheme == nil && port.host == "www.example.com" && port.port == 8080)
        let ph = URLInfo.parse("http://{{host}}/x")
        #expect(ph.isHTTP && ph.isHostUnknown && !ph.isUnknown)
        #expect(URLInfo.parse("{{link}}").isHostUnknown)
        #expect(!URLInfo.parse("https://amazon.com").isHostUnknown)
        let odd = URLInfo.parse("https:example.com/x")
        #expect(odd.host == "example.com")
    }
}
