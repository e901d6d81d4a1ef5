import BSMDocument
import BSMEngine
import Foundation
@testable import BSMRules
import Testing

/// Lints `code` with one rule (and optional YAML config); returns that rule's findings.
private func lint(_ type: any Rule.Type, _ code: String, kind: InputKind = .html, config yaml: String? = nil) throws -> [Finding] {
    try lintExample(type, RuleExample(code, kind: kind, config: yaml)).findings
}

private func eml(subject: String = "Order 112-3456789-0123456", body: String = "Hello", attachments: [(name: String, type: String, content: String)]) -> String {
    var s = "From: a@example.com\nSubject: \(subject)\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n\(body)\n"
    for a in attachments {
        s += "--b\nContent-Type: \(a.type)\nContent-Disposition: attachment; filename=\"\(a.name)\"\n\n\(a.content)\n"
    }
    return s + "--b--\n"
}

@Suite struct ContactInfoTests {
    /// Numbers that look like phone numbers but are not: none may be reported.
    @Test(arguments: [
        "Order 112-3456789-0123456",
        "Bestellnummer 302-1234567-7654321 vom 15.01.2024",
        "Delivered on 2024-01-15 10:30",
        "Total: $1,234.56 or 1.234,56 €",
        "ZIP 10001-1234, PLZ 10115, CP 28001",
        "ASIN B07XJ8C8F5",
        "UPS 1Z999AA10123456784",
        "USPS 9400111899223856928499",
        "USPS 92055901755477000271990251",
        "FedEx 123456789012",
        "FedEx tracking 961234567890123",
        "Tracking number: 4829103746",
        "ISBN 978-3-16-148410-0",
        "2023-2024 season",
        "Server 198.51.100.42",
        "{{seller_phone}} or {{seller_email}}",
        "注文番号 250-1234567-1234567",
        "Kundennummer 10-2345-6789",
        "Seriennummer SN-2024-000123",
        "IMEI 35-209900-176148-1",
        "Rechnung 2024-00123 vom 15. Januar 2024",
        "EAN 4006381333931, SKU 12345678",
        "Paket 00340434161234567890 (DHL)",
        "Lieferung 10:00–12:00, Version 2.10.3",
        "〒150-0002 東京都渋谷区",
        "〒060-0001 北海道札幌市",
        "Postcode 150-0002",
        "ISBN 0-306-40615-2",
        "Attached: logo@2x.jpg, icon@2x.png",
    ])
    func nearMissesAreNotContactInfo(_ text: String) throws {
        let f = try lint(ContactInfoRule.self, "<p>\(text)</p>")
        #expect(f.isEmpty, "\(text): \(f.map(\.message))")
    }

    @Test(arguments: [
        ("Call +1 (800) 555-1234", "+1 (800) 555-1234"),
        ("Tel. 030 1234567", "030 1234567"),
        ("Telefon: 030/1234567", "030/1234567"),
        ("電話 03-1234-5678", "03-1234-5678"),
        ("Write to info@shop.example", "info@shop.example"),
        ("Écrivez à contact [at] boutique [dot] fr", "contact [at] boutique [dot] fr"),
        ("Kundenservice Telefonnummer 10-2345-6789", "10-2345-6789"),
        ("Order questions: 800-555-1234", "800-555-1234"),
        ("Call 0800&nbsp;123&nbsp;4567", "0800\u{00A0}123\u{00A0}4567"),
        ("Appelez le 01.23.45.67.89", "01.23.45.67.89"),
        ("電話：０３－１２３４－５６７８", "０３－１２３４－５６７８"),
        ("Mail: info@müller.de", "info@müller.de"),
    ])
    func contactDetailsAreReported(_ text: String, _ found: String) throws {
        let f = try lint(ContactInfoRule.self, "<p>\(text)</p>")
        #expect(f.count == 1, "\(text): \(f.map(\.message))")
        #expect(f.first?.evidence == found)
    }

    @Test func positionIsTheAddressItself() throws {
        let f = try lint(ContactInfoRule.self, "<p>\n  Mail: help@example.com</p>")
        #expect(f.count == 1)
        #expect(f.first?.range.start.line == 2)
        #expect(f.first?.range.start.column == 9)
    }

    @Test func titleAttributeAndSubjectAreChecked() throws {
        let f = try lint(ContactInfoRule.self, "<a href=\"https://www.amazon.com\" title=\"Phone +44 20 7946 0958\">Amazon</a>")
        #expect(f.count == 1)
        #expect(f.first?.message.contains("title attribute") == true)
        let s = try lint(ContactInfoRule.self, eml(subject: "Call 0800 123 4567", attachments: []), kind: .eml)
        #expect(s.count == 1)
        #expect(s.first?.message.contains("subject") == true)
    }

    @Test func mailtoLinkWithTheSameTextIsOneFinding() throws {
        let f = try lint(ContactInfoRule.self, "<a href=\"mailto:Help@Example.com\">help@example.com</a> <a href=\"tel:+4930123456\">+49 30 123456</a>")
        #expect(f.count == 2)
        #expect(f.allSatisfy { $0.message.contains("link") })
    }
}

@Suite struct HostileInputTests {
    /// Thousands of matches in one text node: findings are capped per document and their
    /// positions are still exact (direct offsets into the node).
    @Test func manyMatchesInOneNodeAreCappedAndPlacedExactly() throws {
        var body = ""
        for i in 0..<1500 { body += "unsubscribe a\(i)@x.example http://h\(i).example https://e\(i).example/p " }
        let html = "<p>\(body)</p>"
        for type in [ContactInfoRule.self, InsecureLinkRule.self, ExternalLinkRule.self, OptOutLinkRule.self] as [any Rule.Type] {
            let f = try lint(type, html)
            #expect(f.count == ContentLinks.maxFindingsPerDocument, "\(type.metadata.id)")
        }
        let first = try #require(try lint(ContactInfoRule.self, html).first)
        #expect(first.range.start.line == 1 && first.range.start.column == 16)
    }
}

@Suite struct LinkRuleTests {
    @Test func amazonMarketplacesAndShortLinksAreNotExternal() throws {
        for host in ["www.amazon.co.uk", "sellercentral.amazon.de", "www.amazon.co.jp", "amazon.com.au", "www.amazon.co.za", "www.amazon.ie", "amzn.to", "a.co", "amzn.eu", "m.media-amazon.com"] {
            let f = try lint(ExternalLinkRule.self, "<a href=\"https://\(host)/x\">x</a>")
            #expect(f.isEmpty, "\(host)")
        }
        for host in ["amazon.com.evil.example", "myamazon.com", "amazon-adsystem.com", "aamzn.to"] {
            let f = try lint(ExternalLinkRule.self, "<a href=\"https://\(host)/x\">x</a>")
            #expect(f.count == 1, "\(host)")
        }
    }

    @Test func domainOfAWrittenEmailIsNotALink() throws {
        #expect(try lint(ExternalLinkRule.self, "<p>support (at) shop.de or info@shop.example.com</p>").isEmpty)
    }

    /// `https://amazon.com@evil.net/x` in the text is a URL whose host is evil.net (the part
    /// before the `@` is user info), not an email address.
    @Test func userInfoInATextURLIsTheURLs() throws {
        let f = try lint(ExternalLinkRule.self, "Go to https://amazon.com@evil.net/x", kind: .text)
        #expect(f.count == 1)
        #expect(f.first?.message.contains("evil.net") == true)
        #expect(try lint(ContactInfoRule.self, "Go to https://amazon.com@evil.net/x", kind: .text).isEmpty)
        #expect(try lint(ExternalLinkRule.self, "Go to https://www.amazon.com@amazon.de/x", kind: .text).isEmpty)
    }

    @Test func allowListCoversSubdomains() throws {
        let cfg = "allowedDomains: [UPS.com, dhl.de]"
        #expect(try lint(ExternalLinkRule.self, "<a href=\"https://wwwapps.ups.com/t\">t</a>", config: cfg).isEmpty)
        #expect(try lint(ExternalLinkRule.self, "<a href=\"https://notups.com/t\">t</a>", config: cfg).count == 1)
    }

    @Test func allowedDomainsRejectsURLs() {
        #expect(throws: ConfigError.self) {
            _ = try ConfigParser.parse(yaml: "allowedDomains: [https://ups.com/track]", path: "x.yml", knownRules: BuiltinRules.ids)
        }
        let layer = try? ConfigParser.parse(yaml: "allowedDomains: [ups.com, .DHL.de]", path: "x.yml", knownRules: BuiltinRules.ids)
        #expect(layer?.allowedDomains == ["ups.com", "dhl.de"])
    }

    @Test func insecureLinkPlacesAndPlaceholders() throws {
        #expect(try lint(InsecureLinkRule.self, "<a href=\"http://{{host}}/x\">x</a>").count == 1)
        #expect(try lint(InsecureLinkRule.self, "<a href=\"{{url}}\">x</a><a href=\"//example.com\">y</a>").isEmpty)
        #expect(try lint(InsecureLinkRule.self, "<button formaction=\"http://example.com/\">Go</button>").count == 1)
        let f = try lint(InsecureLinkRule.self, "<p>See http://example.com/a and https://example.com/b</p>")
        #expect(f.count == 1)
        #expect(f.first?.range.start.column == 8)
    }

    @Test func linkedLogoPrefersTheLinkAndReportsOnce() throws {
        let f = try lint(LinkedLogoRule.self, "<a href=\"https://shop.example\"><img src=\"https://x.example/www.shop.example.png\" alt=\"www.shop.example\"></a>")
        #expect(f.count == 1)
        #expect(f.first?.message.contains("links to a website") == true)
    }
}

@Suite struct OptOutTests {
    @Test(arguments: [
        "Click here to unsubscribe.",
        "Unsubscribed? Opt-out anytime.",
        "Si ya no desea recibir correos, cancelar la suscripción.",
        "Se désinscrire de la liste",
        "Vom Newsletter abmelden",
        "Per non ricevere più le nostre e-mail, disiscriviti",
        "メール配信停止はこちら",
    ])
    func phrasesInEveryLanguage(_ text: String) throws {
        let f = try lint(OptOutLinkRule.self, "<p>\(text)</p>")
        #expect(!f.isEmpty, "\(text)")
    }

    /// Audit K: it “non vuole più ricevere”, ja 配信の停止 / 今後のご案内が不要, es “para no recibir más”.
    @Test(arguments: [
        ("Se non vuole più ricevere messaggi da parte nostra, risponda con CANCELLAMI.", "non vuole più ricevere messaggi"),
        ("Se non vuoi più ricevere le nostre email, rispondi STOP.", "non vuoi più ricevere le nostre"),
        ("メール配信の停止をご希望の方は、こちらからお手続きください。", "配信の停止"),
        ("今後のご案内が不要な場合は、このメールにご返信ください。", "今後のご案内が不要"),
        ("Para no recibir más mensajes, responda BAJA.", "no recibir más mensajes"),
        ("Para no recibir más correos de nuestra parte, haga clic aquí.", "no recibir más correos"),
    ])
    func newPhrasesAreReportedAtThePhrase(_ text: String, _ found: String) throws {
        let f = try lint(OptOutLinkRule.self, "<p>\(text)</p>")
        #expect(f.count == 1, "\(text): \(f.map(\.message))")
        #expect(f.first?.message.hasPrefix("\"\(found)\"") == true, "\(f.map(\.message))")
    }

    @Test(arguments: [
        "Si desea cancelar el pedido, puede hacerlo desde Mis pedidos.",
        "Para no recibir más retrasos, elija el envío urgente.",
        "Para no recibir el paquete dos veces, cancele el segundo pedido.",
        "Se non vuole più ricevere il prodotto, può restituirlo entro 30 giorni.",
        "Non vuole più ricevere il prodotto sostitutivo? Ce lo comunichi.",
        "ご案内が不要な場合でも、商品の返品は可能です。",
        "配送の停止をご希望の場合はご連絡ください。",
    ])
    func nearMissesPass(_ text: String) throws {
        let f = try lint(OptOutLinkRule.self, "<p>\(text)</p>")
        #expect(f.isEmpty, "\(text): \(f.map(\.message))")
    }

    @Test func phraseDataIsLoadedForEveryLanguage() {
        let langs = Set(OptOutLinkRule.phrases.map(\.language))
        #expect(langs == ["en", "es", "fr", "de", "it", "ja"])
    }

    @Test func linkWithOptOutTextIsOneFinding() throws {
        let f = try lint(OptOutLinkRule.self, "<p><a href=\"https://x.example/unsubscribe\">Unsubscribe</a></p>")
        #expect(f.count == 1)
    }
}

@Suite struct OrderIDTests {
    @Test func idGluedToDigitsOrInAURLDoesNotCount() throws {
        #expect(try lint(OrderIDMissingRule.self, "<p>Ref 1112-3456789-0123456</p>").count == 1)
        #expect(try lint(OrderIDMissingRule.self, "<p>See https://example.com/o/112-3456789-0123456</p>").count == 1)
        #expect(try lint(OrderIDMissingRule.self, "<p>Order: 112-3456789-0123456.</p>").isEmpty)
    }

    @Test func emptyMessageIsReportedAtTheFirstElement() throws {
        let f = try lint(OrderIDMissingRule.self, "<table><tr><td><img src=\"https://x.example/a.png\" alt=\"\"></td></tr></table>")
        #expect(f.count == 1)
        #expect(f.first?.range.start.column == 1)
    }

    @Test(arguments: ["{{order.id}}", "{amazon_order_id}", "#?OrderNumber?#", "[order-id]", "%%numero_de_pedido%%", "{{ numeroCommande }}"])
    func orderPlaceholders(_ p: String) throws {
        #expect(try lint(OrderIDMissingRule.self, "<p>Order \(p)</p>").isEmpty, "\(p)")
    }
}

@Suite struct EMLContentTests {
    @Test func attachmentTypesAndPurpose() throws {
        let f = try lint(AttachmentNotAllowedRule.self, eml(attachments: [
            ("Rechnung-42.pdf", "application/pdf", "%PDF"),
            ("fattura.exe", "application/octet-stream", "MZ"),
            ("Gutschein.pdf", "application/pdf", "%PDF"),
            ("photo.png", "image/png", "PNG"),
        ]), kind: .eml)
        #expect(f.count == 3)
        #expect(f.filter { $0.severity == .error }.count == 2)
        #expect(f.filter { $0.severity == .warning }.count == 1)
    }

    @Test func totalSizeOverTenMegabytes() throws {
        let big = String(repeating: "A", count: 6 * 1024 * 1024)
        let f = try lint(AttachmentNotAllowedRule.self, eml(attachments: [
            ("manual-part1.txt", "text/plain", big), ("manual-part2.txt", "text/plain", big),
        ]), kind: .eml)
        #expect(f.count == 1)
        #expect(f.first?.message.contains("10 MB") == true)
    }

    @Test func importantVariants() {
        #expect(ImportantSubjectRule.containsImportant("[Important] x"))
        #expect(ImportantSubjectRule.containsImportant("x [ iMpOrTaNt ]"))
        #expect(ImportantSubjectRule.containsImportant("［ＩＭＰＯＲＴＡＮＴ］"))
        #expect(!ImportantSubjectRule.containsImportant("Important update"))
        #expect(!ImportantSubjectRule.containsImportant("[Importance]"))
        #expect(!ImportantSubjectRule.containsImportant("[Important"))
    }
}

@Suite struct SPAPITests {
    @Test func typeTableMatchesPolicy() throws {
        let t = try #require(SPAPIMessageType.named("CONFIRMCUSTOMIZATIONDETAILS"))
        #expect(t.maxTextLength == 800 && t.attachments == 0...5)
        #expect(SPAPIMessageType.named("createUnexpectedProblem")?.attachments == 0...0)
        #expect(SPAPIMessageType.named("createDigitalAccessKey")?.maxTextLength == 400)
        #expect(SPAPIMessageType.named("sendInvoice")?.takesText == false)
        #expect(SPAPIMessageType.all.count == 9)
        #expect(SPAPIMessageType.named("sendCoupon") == nil)
    }

    @Test func configKeyIsValidated() throws {
        #expect(throws: ConfigError.self) {
            _ = try ConfigParser.parse(yaml: "spApiType: sendCoupon", path: "x.yml", knownRules: BuiltinRules.ids)
        }
        let layer = try ConfigParser.parse(yaml: "spApiType: createWarranty", path: "x.yml", knownRules: BuiltinRules.ids)
        #expect(layer.spApiType?.name == "createWarranty")
    }

    @Test func exactLimitPassesAndOneMoreFails() throws {
        let cfg = "spApiType: createConfirmOrderDetails"
        let base = "Order 112-3456789-0123456 "
        let exact = base + String(repeating: "x", count: 2000 - base.count)
        #expect(try lint(SPAPILimitsRule.self, exact, kind: .text, config: cfg).isEmpty)
        let f = try lint(SPAPILimitsRule.self, exact + "y", kind: .text, config: cfg)
        #expect(f.count == 1)
        #expect(f.first?.range.start.column == 2001)
    }

    @Test func attachmentsOnlyTypeNeedsAnAttachmentAndNoText() throws {
        let f = try lint(SPAPILimitsRule.self, eml(body: "Your warranty", attachments: []), kind: .eml, config: "spApiType: createWarranty")
        #expect(f.count == 2)
    }

    @Test func quietWithoutSPAPIMode() throws {
        #expect(try lint(SPAPILimitsRule.self, "<p>a@b.example</p>" + String(repeating: "x", count: 5000)).isEmpty)
    }
}

@Suite struct ActiveAndImageTests {
    @Test func scriptURLsWithWhitespaceAndCase() throws {
        #expect(try lint(ActiveContentRule.self, "<a href=\" \tJaVaScRiPt:alert(1)\">x</a>").count == 1)
        #expect(try lint(ActiveContentRule.self, "<a href=\"https://x.example/javascript:\">x</a>").isEmpty)
        #expect(try lint(ActiveContentRule.self, "<body onload=\"x()\"><p>Hi</p></body>").count == 1)
    }

    @Test func asinRecognition() {
        #expect(ProductImageRule.asin(in: "B07XJ8C8F5_main") == "B07XJ8C8F5")
        #expect(ProductImageRule.asin(in: "xB07XJ8C8F5") == nil)
        #expect(ProductImageRule.asin(in: "B0ABCDEFGH") == nil, "no digit after B0: a word, not an ASIN")
        #expect(ProductImageRule.asin(in: "B07xj8c8f5") == nil)
    }
}
