import BSMDocument
import BSMEngine
import BSMText

/// `sp-api-limits`: in SP-API mode, the message breaks its type's limits.
public struct SPAPILimitsRule: Rule {
    public static let metadata = RuleMetadata(
        id: "sp-api-limits",
        name: "SP-API message limits",
        category: .content,
        defaultSeverity: .error,
        summary: "In SP-API mode: the text is over the message type's length limit, contains HTML or an email address, or has attachments the type does not take",
        rationale: """
        The Selling Partner Messaging API sends typed plain-text messages: each type has a text limit (800, 2000 \
        or 400 characters) or takes attachments only, the text may contain no HTML and no email address, and only \
        some types take attachments (POLICY.md, "SP-API message types"). A message over its limits is rejected.
        """,
        fix: "Shorten the text, remove HTML tags and email addresses, or send attachments with a type that takes them.",
        decisions: [
            "Active only in SP-API mode: `spApiType: TYPE` in .bsmlint.yml or `bsmlint check --sp-api-type TYPE`; without it the rule is quiet. Types and limits: confirmCustomizationDetails 800 characters + up to 5 attachments; createConfirmDeliveryDetails, createConfirmOrderDetails, createConfirmServiceDetails, createUnexpectedProblem 2000, no attachments; createDigitalAccessKey 400 + up to 5; createLegalDisclosure, createWarranty, sendInvoice attachments only (1–5).",
            "The length is the number of characters (grapheme clusters) of the visible text as bsmlint reads it (blocks joined by one line break, placeholders counted as written, white space at the very end — an editor's final newline — not counted); the finding is placed at the first character over the limit.",
            "At most 200 findings per document.",
            "HTML: any element written in the source (a plain-text file or part has none), or a tag such as `<b>` or `</p>` in plain text; reported once, at the first. An address in angle brackets (`<https://…>`, `<mailto:…>`, `<name@example.com>`), as plain-text mail writes links, is no tag.",
            "Email addresses in the text are reported each at its position. Attachments (.eml) beyond what the type takes are reported at their MIME headers; an attachments-only type with no attachment, or with text, is reported at the start of the message.",
        ],
        failing: [
            RuleExample("↓<p>Your order 112-3456789-0123456</p>", config: "spApiType: createUnexpectedProblem", note: "HTML."),
            RuleExample("Order 112-3456789-0123456: please write to ↓help@example.com", kind: .text, config: "spApiType: createConfirmOrderDetails"),
            RuleExample("Bestellung 112-3456789-0123456. \(String(repeating: "Text ", count: 73))abc↓def", kind: .text, config: "spApiType: createDigitalAccessKey", note: "400 characters at most: the 401st is marked."),
            RuleExample("Commande 112-3456789-0123456 : ↓<b></b>merci", kind: .text, config: "spApiType: confirmCustomizationDetails", note: "A tag in plain text."),
            RuleExample("From: a@example.com\nSubject: Order 112-3456789-0123456\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nHello\n--b\n↓Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice.pdf\"\n\n%PDF\n--b--\n", kind: .eml, config: "spApiType: createConfirmDeliveryDetails", note: "This type takes no attachments."),
        ],
        passing: [
            RuleExample("<p>Write to help@example.com</p>", note: "Not in SP-API mode: quiet."),
            RuleExample("Order 112-3456789-0123456: could you confirm the engraving text?", kind: .text, config: "spApiType: confirmCustomizationDetails"),
            RuleExample("Pedido 112-3456789-0123456: {{access_key}}", kind: .text, config: "spApiType: createDigitalAccessKey"),
            RuleExample("From: a@example.com\nSubject: Order 112-3456789-0123456\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice.pdf\"\n\n%PDF\n--b--\n", kind: .eml, config: "spApiType: sendInvoice"),
            RuleExample("Ihre Bestellung 112-3456789-0123456: 2 < 3 und 5 > 4.", kind: .text, config: "spApiType: createUnexpectedProblem", note: "`<` followed by a space is not a tag."),
            RuleExample("Order 112-3456789-0123456: tracking at <https://www.ups.com/track?id=1>.", kind: .text, config: "spApiType: createUnexpectedProblem", note: "A link in angle brackets is no tag."),
            RuleExample("Bestellung 112-3456789-0123456. \(String(repeating: "Text ", count: 73))abc\n\n", kind: .text, config: "spApiType: createDigitalAccessKey", note: "400 characters; the final newlines are not text."),
        ],
        appliesTo: [.html, .text, .eml],
        judgesWholeMessage: true
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: .text) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        guard let type = context.configuration.spApiType else { return }
        let doc = context.document
        let model = context.text
        let text = model.text
        let startRange = model.firstVisibleRange.flatMap { model.sourceRange($0, in: doc) } ?? context.source.range(0, 0)
        let hasText = !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        if let limit = type.maxTextLength {
            // White space at the very end (the final newline an editor adds) is not text.
            var counted = Substring(text)
            while let last = counted.last, last.isWhitespace { counted.removeLast() }
            var count = 0
            var offset = 0
            for ch in counted {
                if count == limit {
                    let r = model.sourceRange(offset..<(offset + ch.utf8.count), in: doc) ?? startRange
                    report.report("Text is \(counted.count) characters: \(type.name) takes at most \(limit)", at: r,
                                  evidence: "\(counted.count) > \(limit) characters")
                    break
                }
                count += 1
                offset += ch.utf8.count
            }
        } else if hasText {
            report.report("\(type.name) takes attachments only: the text is not sent", at: startRange)
        }
        if let el = doc.allIDs.first(where: { doc[$0].kind == .element && !doc[$0].isImplied }) {
            report.report("The message contains HTML (<\(doc[el].name)>): SP-API messages are plain text", node: doc[el])
        } else if let tag = SPAPILimitsRule.firstTag(in: text), let r = model.sourceRange(tag, in: doc) {
            report.report("The text contains an HTML tag: SP-API messages are plain text", at: r)
        }
        let phs = model.placeholders.map(\.utf8Range)
        for m in URLScanner.emails(in: text) where !ContentLinks.overlapsAny(phs, m.utf8Range) && report.findings.count < ContentLinks.maxFindingsPerDocument {
            guard let r = model.sourceRange(m.utf8Range, in: doc) else { continue }
            report.report("Email address \(m.text): SP-API messages may not contain email addresses", at: r, evidence: m.text)
        }
        let attachments = context.input.attachments
        for (i, a) in attachments.enumerated() where i >= type.attachments.upperBound {
            let what = type.takesAttachments ? "at most \(type.attachments.upperBound) attachments" : "no attachments"
            report.report("\(type.name) takes \(what)", at: a.range, evidence: a.name ?? a.contentType)
        }
        if attachments.count < type.attachments.lowerBound {
            report.report("\(type.name) needs \(type.attachments.lowerBound)–\(type.attachments.upperBound) attachments; the message has \(attachments.count)",
                          at: startRange)
        }
    }

    /// The first `<tag`, `</tag` or `<!` in plain text (a `<` followed by a letter, `/` + letter or `!`).
    static func firstTag(in s: String) -> Range<Int>? {
        let b = Array(s.utf8)
        var i = 0
        while i + 1 < b.count {
            if b[i] == 0x3C {
                let c = b[i + 1]
                let isLetter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
                let closing = c == 0x2F && i + 2 < b.count && (b[i + 2] | 0x20) >= 0x61 && (b[i + 2] | 0x20) <= 0x7A
                if isLetter || closing || c == 0x21, let end = b[(i + 1)...].firstIndex(of: 0x3E), end - i < 200 {
                    // `<https://…>`, `<mailto:…>`, `<name@example.com>`: an address in angle
                    // brackets, as plain-text mail writes links, is no tag.
                    let inner = b[(i + 1)..<end]
                    // No white space or quote anywhere; a scheme and `//` (or `mailto:`) first, or a
                    // bare address: `<img/src="https://…">` and `<img\tsrc=…>` are tags.
                    let plain = !inner.contains { $0 <= 0x20 || $0 == 0x22 || $0 == 0x27 || $0 == 0x3C }
                    var k = inner.startIndex
                    while k < inner.endIndex, (inner[k] | 0x20) >= 0x61 && (inner[k] | 0x20) <= 0x7A || (k > inner.startIndex && (inner[k] == 0x2B || inner[k] == 0x2D || inner[k] == 0x2E || (inner[k] >= 0x30 && inner[k] <= 0x39))) { k += 1 }
                    let schemeURL = k > inner.startIndex && k + 2 < inner.endIndex && inner[k] == 0x3A && inner[k + 1] == 0x2F && inner[k + 2] == 0x2F
                    let mailto = inner.starts(with: Array("mailto:".utf8))
                    let address = inner.contains(0x40) && !inner.contains(0x2F)
                    let isAutolink = plain && (schemeURL || mailto || address)
                    if !isAutolink { return i..<(end + 1) }
                    i = end + 1
                    continue
                }
            }
            i += 1
        }
        return nil
    }
}
