import BSMDocument
import BSMEngine
import BSMText

/// `contact-info`: an email address or telephone number in the text, attributes, a
/// `mailto:`/`tel:` link or the subject.
public struct ContactInfoRule: Rule {
    public static let metadata = RuleMetadata(
        id: "contact-info",
        name: "Contact information",
        category: .content,
        defaultSeverity: .error,
        summary: "An email address or telephone number appears in the text, an attribute, a mailto:/tel: link or the subject",
        rationale: """
        Amazon does not allow email addresses or telephone numbers in buyer-seller messages (content rule 10): \
        buyers and sellers talk through Buyer-Seller Messaging only, and messages with contact details are blocked.
        """,
        fix: "Remove the address or number; ask the buyer to reply to this message instead.",
        decisions: [
            "Checked: all text of the message (hidden text too: Amazon scans the source, not the rendering), the `alt`, `title`, `aria-label`, `placeholder` and `value` attributes, `mailto:`, `tel:`, `sms:` and `callto:` links, and an .eml's decoded Subject.",
            "Email addresses include bracket-obfuscated ones (`name [at] example [dot] com`). A `mailto:` link is reported when it holds an address (an `@` outside placeholders), a `tel:` link when it holds at least 5 digits: `mailto:[mail]` and `mailto:{{email}}` are merge fields. An address's top-level domain is not a file extension: `logo@2x.jpg` and `icon@2x.png` in the text are retina image names.",
            "IP addresses (`198.51.100.42`) are not telephone numbers.",
            "Numbers are read through the characters templates write them with: no-break, thin and ideographic spaces (`+1&nbsp;800&nbsp;555&nbsp;1234`), full-width digits and signs (`０３－１２３４－５６７８`, `03－1234－5678`), non-breaking hyphens and `ー` between digits; the finding quotes the number as written.",
            "A date has three groups (`15.01.2024`, `15.01.2024 10:30`, `03. 04. 2024`); a fourth group joined by the same separator makes it a number again: `01.23.45.67.89` is a French telephone number.",
            "An address's domain may be internationalized (`info@müller.de`; the top-level domain is ASCII). An `@` in the user info of a URL written in the text (`https://amazon.com@evil.net/x`) is the URL's, not an address: `external-link` judges the URL by its host.",
            "A telephone number has 7–15 digits with the usual separators, and starts with `+`, a trunk `0`, an area code in parentheses, has 10+ digits, is a US local `555-1234`, or follows a phone keyword (`Tel`, `call`, `Telefon`, `llámanos`, `電話`...). A Latin keyword counts only where a word starts: the `tel` inside `Bestellung` or `Hotel` and the `cell` inside `cancellation` are not keywords.",
            "Numbers labelled as identifiers (`Kundennummer`, `Nr.`, `Ref`, `IMEI`, `SKU`, `invoice`, `番号`… within 24 characters before, and no phone keyword; a number starting with 0 only after an identifier noun — `Artikelnummer 0815-4711-22`, `Kundennummer dort ist 0123-456789`, `référence 0123-456-789` — since a bare `Nr. 0123 4567 89` may be a telephone number), glued to a code prefix (`SN-2024-000123`), or of 10+ digits without `+` or trunk `0` in a shape other than North American 3-3-4 (`10-2345-6789`) are not telephone numbers.",
            "A postcode mark or label (`〒`, `郵便番号`, `Postcode`, `ZIP`, `PLZ`, `code postal` …) or an `ISBN` label right before a number names it, even when it starts with 0: `〒150-0002`, `〒060-0001`, `Postcode 150-0002` and `ISBN 0-306-40615-2` are not telephone numbers (a `+` number or one after a phone keyword still is).",
            "Not telephone numbers: order ids (`112-3456789-0123456`), dates, prices, thousands groups, postcodes (ZIP+4), year ranges, ISBNs, ASINs (`B0…`), UPS (`1Z…`), USPS (20–22 digits) and FedEx (12 or 15 digits) tracking numbers; a digit run without separators right after a tracking/shipment word is a tracking number.",
            "Toll-free vanity numbers spelt with capital letters are telephone numbers: `1-800-FLOWERS`, `800-GOT-JUNK`, `(888) PIZZA-42`, `+1 877 CONTACTS` (a toll-free code 800/833/844/855/866/877/888, then 7–10 capitals and digits, at least 3 letters; after a space only when `1`/`+1` or parentheses mark the code). Not `1-800-Flowers.com` (a brand's web address; see `external-link`), `the 800-page manual` or `TRUSTED BY 800 RETAILERS`.",
            "An address or number split over inline elements (`<b>+1 800</b> 555 1234`) is read in the visible text and reported once, at its first character.",
            "The text of a `mailto:`/`tel:` link that shows the same address is not reported again: the link is the finding.",
            "Click-to-chat links that carry a telephone number are contact details too: `wa.me/<number>`, `api.whatsapp.com/send?phone=…`, `whatsapp://send?phone=…`, `t.me/+<number>`, `viber://chat?number=…`.",
            "At most 200 findings per document.",
            "Placeholders are not contact details (`{{seller_email}}`, `mailto:{{email}}`).",
        ],
        failing: [
            RuleExample("<p>Vous pouvez nous joindre de préférence au ↓06 12 34 56 78.</p>", note: "`préférence` is not the label `référence`."),
            RuleExample("<p>Questions? Write to ↓support@example-shop.com</p>"),
            RuleExample("<p>Rufen Sie uns an: ↓+49 30 1234567</p>"),
            RuleExample("<p>Llámanos al ↓612 345 678 si hay algún problema.</p>", note: "An accented keyword (`llámanos`) announces the number."),
            RuleExample("↓<a href=\"mailto:help@example.com\">help@example.com</a>", note: "The link is reported once."),
            RuleExample("<img src=\"https://example.com/a.png\" alt=\"Call ↓(555) 123-4567\">"),
            RuleExample("Pour toute question : ↓06 12 34 56 78", kind: .text),
            RuleExample("↓<a href=\"tel:+18005551234\">Call us</a>"),
            RuleExample("<p>Chat with us: ↓<a href=\"https://wa.me/491711234567\">WhatsApp</a></p>", note: "A click-to-chat link holds a telephone number."),
            RuleExample("<p>Call ↓+1&nbsp;800&nbsp;555&nbsp;1234 or ↓0800&nbsp;123&nbsp;4567</p>", note: "No-break spaces between the groups."),
            RuleExample("<p>Tél. : ↓01.23.45.67.89</p>", note: "Five groups: not a date."),
            RuleExample("<p>Questions? Call ↓1-800-FLOWERS or ↓(888) GOT-JUNK.</p>", note: "Vanity toll-free numbers."),
            RuleExample("<p>電話：↓０３－１２３４－５６７８</p>", note: "Full-width digits and hyphens."),
            RuleExample("<p>Mail: ↓info@müller.de</p>", note: "An internationalized domain."),
            RuleExample("<p>Anrufen: <b>↓+49 30</b> 1234567</p>", note: "Split over inline elements: one finding."),
            RuleExample("<p>〒150-0002 東京都渋谷区 電話 ↓03-1234-5678</p>", note: "The postcode passes; the telephone number after 電話 does not."),
            RuleExample("<p>Images: logo@2x.jpg. Questions: ↓design@studio.de</p>", note: "A file name passes; the address does not."),
            RuleExample("From: seller@example.com\nSubject: ↓Your order - contact info@example.com\nContent-Type: text/plain; charset=utf-8\n\nHello\n", kind: .eml, note: "Reported at the Subject header."),
        ],
        passing: [
            RuleExample("<p>Sie haben die Artikelnummer 0815-4711-22 bestellt; unsere Kundennummer dort ist 0123-456789.</p>", note: "Identifier nouns name numbers starting with 0 too."),
            RuleExample("<p>UPS tracking: 1Z 999 AA1 01 2345 678 4.</p>", note: "A tracking number written in groups: the digits after `AA1` continue it."),
            RuleExample("<p>Order 112-3456789-0123456 shipped on 15.01.2024 for $1,234.56.</p>", note: "Order id, date and price."),
            RuleExample("<p>Tracking: 1Z999AA10123456784 (UPS), 9400111899223856928499 (USPS), tracking number 123456789012 (FedEx).</p>"),
            RuleExample("<p>ASIN B07XJ8C8F5, ZIP 10001-1234, ISBN 978-3-16-148410-0.</p>"),
            RuleExample("<p>Ihre Bestellnummer lautet 12345678. Your cancellation number is 7654321. Lieferung an das Hotel, Reservierung 7788991.</p>",
                        note: "A phone keyword counts only where a word starts: not the `tel` of Bestellnummer or Hotel, nor the `cell` of cancellation."),
            RuleExample("<p>Kundennummer 10-2345-6789, Seriennummer SN-2024-000123, IMEI 35-209900-176148-1.</p>"),
            RuleExample("<p>Bitte antworten Sie über {{contact_link}} oder an {{seller_email}}.</p>"),
            RuleExample("<p>ご注文番号 250-1234567-1234567 の件でご連絡しました。</p>"),
            RuleExample("<p>〒060-0001 北海道札幌市 / Postcode 150-0002 / ISBN 0-306-40615-2</p>", note: "Postcodes and an ISBN-10 named by their labels, even when they start with 0."),
            RuleExample("<p>Attached: logo@2x.jpg</p>", note: "A retina image file name, not an address."),
            RuleExample("<p>The 800-page MANUAL ships with model 800-XL; see our 1-800-Flowers gift guide.</p>",
                        note: "Not vanity numbers: a word after `800-`, too few capitals, mixed case."),
            RuleExample("<p>Delivered on 15.01.2024 10:30; price 1&#8239;234&#8239;567 ₫.</p>", note: "A date and time; a price with narrow no-break spaces."),
            RuleExample("Go to https://amazon.com@evil.net/x", kind: .text, note: "User info of a URL, not an address (see `external-link`)."),
            RuleExample("<p>Server 198.51.100.42 · <a href=\"mailto:[mail]\">Mail</a> · <a href=\"mailto:{{seller_email}}\">Mail</a></p>", note: "An IP address; mailto links without an address."),
        ],
        appliesTo: [.html, .text, .eml]
    )

    static let attributes = ["alt", "title", "aria-label", "placeholder", "value"]
    static let contactSchemes: Set<String> = ["mailto", "tel", "sms", "callto"]
    /// Words that make a following bare digit run a tracking number.
    static let trackingWords = ["tracking", "track", "sendung", "suivi", "seguimiento", "spedizione", "追跡", "お問い合わせ番号", "shipment", "fedex", "usps", "ups", "dhl"]

    public init(options: RuleOptions) throws {}

    /// Click-to-chat links that carry a telephone number: `wa.me/491711234567`,
    /// `api.whatsapp.com/send?phone=…`, `t.me/+491711234567`, `viber://chat?number=…`,
    /// `signal.me/#p/+…` (the fragment is not parsed, so Signal is matched on the raw path).
    static func messengerWithNumber(_ info: URLInfo) -> String? {
        func digits(_ s: Substring) -> Int { s.reduce(0) { $0 + ($1.isASCII && $1.isNumber ? 1 : 0) } }
        func param(_ name: String) -> Substring? {
            guard let q = info.query else { return nil }
            for pair in q.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2, kv[0].lowercased() == name { return kv[1] }
            }
            return nil
        }
        let host = (info.host ?? "").lowercased()
        let path = Substring(info.path.drop(while: { $0 == "/" }))
        switch host {
        case "wa.me", "www.wa.me":
            return digits(path) >= 7 && path.allSatisfy({ $0.isNumber || $0 == "+" || $0 == "/" }) ? "WhatsApp" : nil
        case "api.whatsapp.com", "web.whatsapp.com", "whatsapp.com", "www.whatsapp.com":
            return param("phone").map { digits($0) >= 7 } == true ? "WhatsApp" : nil
        case "t.me", "telegram.me":
            return path.hasPrefix("+") && digits(path) >= 7 ? "Telegram" : nil
        default:
            break
        }
        if info.scheme == "viber", param("number").map({ digits($0) >= 7 }) == true { return "Viber" }
        if info.scheme == "whatsapp", param("phone").map({ digits($0) >= 7 }) == true { return "WhatsApp" }
        return nil
    }

    public var interest: NodeInterest { NodeInterest(allElements: true, text: true, needs: .text) }

    struct Match {
        var text: String
        var range: Range<Int>
        var isEmail: Bool
    }

    /// Emails and phone numbers in a string, outside placeholders.
    static func scan(_ s: String, placeholders: PlaceholderMatcher) -> [Match] {
        // 0xEF: full-width digits (`０３－１２３４－５６７８`).
        guard s.utf8.contains(where: { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x40 || $0 == 0x5B || $0 == 0x28 || $0 == 0xEF }) else { return [] }
        let phs = placeholders.placeholders(in: s).map(\.utf8Range)
        func inPlaceholder(_ r: Range<Int>) -> Bool { ContentLinks.overlapsAny(phs, r) }
        var out: [Match] = []
        for m in URLScanner.emails(in: s) where !inPlaceholder(m.utf8Range) {
            out.append(Match(text: m.text, range: m.utf8Range, isEmail: true))
        }
        let emailRanges = out.map(\.range)
        for m in URLScanner.phoneNumbers(in: s) where !inPlaceholder(m.utf8Range) && !ContentLinks.overlapsAny(emailRanges, m.utf8Range) {
            // Judged in ASCII form (full-width digits, no-break spaces); reported as written.
            let ascii = TextMatch(text: URLScanner.foldedPhoneText(m.text), utf8Range: m.utf8Range, kind: m.kind)
            if isTrackingNumber(ascii, in: s) || isIPAddress(ascii.text) || isLabelledIdentifier(ascii, in: s) { continue }
            out.append(Match(text: m.text, range: m.utf8Range, isEmail: false))
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Words that label a number as an identifier, not a phone number (lower case).
    static let identifierLabels = [
        "nr", "no.", "number", "nummer", "numéro", "numero", "número", "ref", "serial", "imei", "sku", "ean", "isbn",
        "invoice", "rechnung", "factura", "facture", "fattura", "kunden", "customer", "client", "artikel", "article",
        "id:", "id ", "番号",
    ]

    /// Identifier nouns that name a number whatever its first digit (lower case).
    static let strongIdentifierLabels = [
        "kundennummer", "kunden-nr", "artikelnummer", "artikel-nr", "bestellnummer", "rechnungsnummer", "sendungsnummer",
        "auftragsnummer", "vorgangsnummer", "referenznummer", "seriennummer", "modellnummer", "teilenummer",
        "customer number", "item number", "part number", "model number", "article number", "order number",
        "invoice number", "serial number", "reference number", "référence", "numéro de commande", "numéro de client",
        "numéro d'article", "referencia", "número de pedido", "número de cliente", "riferimento", "numero di giacenza",
        "numero d'ordine", "numero ordine", "codice articolo", "codice cliente", "codice di giacenza", "codice di ritiro",
        "numero di spedizione", "numero di tracciamento", "abholcode", "sendungscode", "code de retrait", "código de recogida",
        "tracking number", "numéro de suivi", "número de seguimiento",
    ]

    /// An identifier noun as a word of its own (not inside `préférence`), followed by at most two
    /// short words (`Kundennummer dort ist`, `référence est`) and `:`/`#`/`.`/`n°` before the number,
    /// with no sentence end between (`Fragen zur Bestellnummer? 030 …`).
    static func hasStrongIdentifierLabel(_ before: String) -> Bool {
        for label in strongIdentifierLabels {
            guard let r = before.range(of: label, options: .backwards) else { continue }
            if r.lowerBound > before.startIndex, before[before.index(before: r.lowerBound)].isLetter { continue }
            let rest = before[r.upperBound...]
            if let first = rest.first, first.isLetter { continue }
            if rest.contains(where: { $0 == "?" || $0 == "!" || $0 == ";" }) { continue }
            let words = rest.split(whereSeparator: { !$0.isLetter })
            if words.count <= 2, words.allSatisfy({ $0.count <= 6 }) { return true }
        }
        return false
    }

    /// A number without `+`, trunk `0`, parentheses or a phone keyword that is labelled as an
    /// identifier (`Kundennummer 10-2345-6789`, `IMEI 35-209900-176148-1`), glued to a code
    /// prefix (`SN-2024-000123`), or has 10+ digits in a shape other than North American
    /// `3-3-4` / `1-3-3-4` (`10-2345-6789`).
    static func isLabelledIdentifier(_ m: TextMatch, in s: String) -> Bool {
        let t = m.text.utf8
        guard let first = t.first, first != 0x2B else { return false }
        let b = Array(s.utf8)
        let start = m.utf8Range.lowerBound
        var lo = max(0, start - 24)
        while lo < start, b[lo] & 0xC0 == 0x80 { lo += 1 }
        let before = String(decoding: b[lo..<start], as: UTF8.self).lowercased()
        // A number after a phone keyword (at a word start) is a phone number whatever its label.
        if URLScanner.hasPhoneKeyword(in: before, startsMidWord: URLScanner.cutsWord(b, at: lo)) { return false }
        // A postcode mark or label, or an ISBN label, right before the number names it even when
        // it starts with 0 (`〒060-0001`, `Postcode 150-0002`, `ISBN 0-306-40615-2`).
        if hasNamingLabel(before) { return true }
        // An identifier noun (not a bare `Nr.`/`No.`, which also label telephone numbers) names
        // the number even when it starts with 0 (`Artikelnummer 0815-4711-22`, `référence 0123-456-789`).
        if hasStrongIdentifierLabel(before) { return true }
        guard first != 0x30, first != 0x28 else { return false }
        if start >= 2, b[start - 1] == 0x2D, (b[start - 2] | 0x20) >= 0x61, (b[start - 2] | 0x20) <= 0x7A { return true }
        if identifierLabels.contains(where: { label in
            guard let r = before.range(of: label, options: .backwards) else { return false }
            // A label is a word (or word end: `Kundennummer`, `Bestellnr`), not part of one (`Mnr`s are fine).
            return r.upperBound == before.endIndex || !(before[r.upperBound].isLetter)
        }) { return true }
        let groups = m.text.split(whereSeparator: { !$0.isNumber }).map(\.count)
        let digits = groups.reduce(0, +)
        if digits >= 10, groups.count > 1 {
            return !(groups == [3, 3, 4] || groups == [1, 3, 3, 4])
        }
        return false
    }

    /// Labels that name the number right after them (only spaces, `:`, `#` or `.` between) as a
    /// postcode or an ISBN, whatever its first digit.
    static let namingLabels = [
        "〒", "郵便番号", "postcode", "post code", "postal code", "zip", "zip code", "zipcode", "plz", "postleitzahl",
        "code postal", "código postal", "codigo postal", "isbn", "isbn-10", "isbn-13", "isbn10", "isbn13",
    ]

    static func hasNamingLabel(_ before: String) -> Bool {
        var w = Substring(before)
        while let last = w.last, last.isWhitespace || last == ":" || last == "：" || last == "#" || last == "." { w = w.dropLast() }
        return namingLabels.contains { label in
            guard w.hasSuffix(label) else { return false }
            let rest = w.dropLast(label.count)
            // A word of its own: `zip`, not `unzip`.
            return rest.last.map { !$0.isLetter || label == "〒" || label == "郵便番号" } ?? true
        }
    }

    /// `198.51.100.42`: four dot-separated groups of 1–3 digits.
    static func isIPAddress(_ t: String) -> Bool {
        let groups = t.split(separator: ".", omittingEmptySubsequences: false)
        return groups.count == 4 && groups.allSatisfy { (1...3).contains($0.count) && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// A separator-free run of 12 or 15 digits (FedEx), or any separator-free run after a
    /// tracking word, is a tracking number.
    static func isTrackingNumber(_ m: TextMatch, in s: String) -> Bool {
        let digitsOnly = m.text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        guard digitsOnly else { return false }
        let b = Array(s.utf8)
        var lo = max(0, m.utf8Range.lowerBound - 40)
        while lo < m.utf8Range.lowerBound, b[lo] & 0xC0 == 0x80 { lo += 1 }
        let before = String(decoding: b[lo..<m.utf8Range.lowerBound], as: UTF8.self).lowercased()
        if trackingWords.contains(where: { before.contains($0) }) { return true }
        let hasPhoneWord = URLScanner.hasPhoneKeyword(in: before, startsMidWord: URLScanner.cutsWord(b, at: lo))
        return !hasPhoneWord && (m.text.utf8.count == 12 || m.text.utf8.count == 15)
    }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let doc = context.document
        let node = doc[id]
        switch node.kind {
        case .text:
            guard ContentLinks.isContentText(node) else { return }
            let matches = ContactInfoRule.scan(node.text, placeholders: context.placeholders)
            guard !matches.isEmpty else { return }
            let linkTarget = ContentLinks.enclosingLink(id, in: doc).flatMap { doc[$0].attribute("href") }?.lowercased()
            let ranges = TextNodeRanges(id, in: doc)
            for m in matches where report.findings.count < ContentLinks.maxFindingsPerDocument {
                if let t = linkTarget, ContactInfoRule.isContactLink(t), ContactInfoRule.sameContact(t, m.text) { continue }
                report.report(ContactInfoRule.message(m, where: "in the text"), at: ranges.range(m.range, in: doc), evidence: m.text)
            }
        case .element:
            for name in ContactInfoRule.attributes {
                guard let a = node.attributeNode(name) else { continue }
                if name == "value", !(node.name == "input" || node.name == "button" || node.name == "option") { continue }
                for m in ContactInfoRule.scan(a.value, placeholders: context.placeholders) where report.findings.count < ContentLinks.maxFindingsPerDocument {
                    report.report(ContactInfoRule.message(m, where: "in the \(name) attribute"),
                                  at: doc.sourceRange(inAttribute: a, m.range), evidence: "\(name)=\"\(a.value)\"")
                }
            }
            if node.name == "a" || node.name == "area", let a = node.attributeNode("href") {
                let info = URLInfo.parse(a.value, placeholders: context.placeholders)
                if let s = info.scheme, ContactInfoRule.contactSchemes.contains(s), !info.isUnknown,
                   ContactInfoRule.holdsContact(scheme: s, info.path, context.placeholders) {
                    let what = s == "mailto" ? "An email link (mailto:)" : "A telephone link (\(s):)"
                    report.report("\(what): Amazon does not allow contact details in messages", node: node, evidence: "href=\"\(a.value)\"")
                } else if !info.isUnknown, let app = ContactInfoRule.messengerWithNumber(info) {
                    report.report("A \(app) link to a telephone number: Amazon does not allow contact details in messages",
                                  node: node, evidence: "href=\"\(a.value)\"")
                }
            }
        default:
            break
        }
    }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        // Addresses and numbers split over inline elements (`<b>+1 800</b> 555 1234`): the
        // text nodes were scanned one by one, so only matches that cross runs are new here.
        let model = context.text
        for m in ContactInfoRule.scan(model.text, placeholders: context.placeholders) where report.findings.count < ContentLinks.maxFindingsPerDocument {
            guard let first = model.run(containing: m.range.lowerBound), let last = model.run(containing: m.range.upperBound - 1),
                  first.node != last.node, let r = model.sourceRange(m.range, in: context.document) else { continue }
            if let link = ContentLinks.enclosingLink(first.node, in: context.document),
               let t = context.document[link].attribute("href")?.lowercased(),
               ContactInfoRule.isContactLink(t), ContactInfoRule.sameContact(t, m.text) { continue }
            report.report(ContactInfoRule.message(m, where: "in the text"), at: r, evidence: m.text)
        }
        guard let subject = context.input.subject else { return }
        for m in ContactInfoRule.scan(subject.text, placeholders: context.placeholders) {
            report.report(ContactInfoRule.message(m, where: "in the subject"), at: subject.range, evidence: "Subject: \(subject.text)")
        }
    }

    /// A `mailto:` target holds an address (an `@` outside placeholders); a `tel:`-like target
    /// holds at least 5 digits outside placeholders.
    static func holdsContact(scheme: String, _ path: String, _ placeholders: PlaceholderMatcher) -> Bool {
        let masked = placeholders.masking(path.removingPercentEncoding ?? path)
        if scheme == "mailto" { return masked.contains("@") }
        return masked.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.count >= 5
    }

    static func isContactLink(_ href: String) -> Bool {
        let h = href.trimmingCharacters(in: .whitespaces)
        return contactSchemes.contains { h.hasPrefix($0 + ":") }
    }

    /// The link target names the same address or number as the text.
    static func sameContact(_ href: String, _ text: String) -> Bool {
        let digits: (String) -> String = { String(URLScanner.foldedPhoneText($0).unicodeScalars.filter { $0.properties.numericType != nil }.map(Character.init)) }
        if text.contains("@") { return href.contains(text.lowercased()) }
        let d = digits(text)
        return !d.isEmpty && digits(href).hasSuffix(d.count > 7 ? String(d.suffix(7)) : d)
    }

    static func message(_ m: Match, where place: String) -> String {
        m.isEmail
            ? "Email address \(m.text) \(place): Amazon does not allow email addresses in messages"
            : "Telephone number \(m.text) \(place): Amazon does not allow telephone numbers in messages"
    }
}
