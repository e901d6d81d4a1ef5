import BSMDocument
import BSMEngine
import BSMText

/// `language-mismatch`: the detected language is not allowed on the marketplace, or disagrees
/// with `<html lang>`.
public struct LanguageMismatchRule: Rule {
    public static let metadata = RuleMetadata(
        id: "language-mismatch",
        name: "Language mismatch",
        category: .content,
        defaultSeverity: .warning,
        summary: "The detected language of the text is not one the configured marketplace allows, or disagrees with <html lang>",
        rationale: """
        Messages must be written in the buyer's language of preference: the marketplace language or one the site \
        offers (amazon.com: English or Spanish; amazon.fr: French). A template in the wrong language is blocked or \
        unreadable; a wrong `<html lang>` makes screen readers mispronounce it.
        """,
        fix: "Translate the message, set `marketplace:` in .bsmlint.yml to the marketplace it is for, or correct `<html lang>`.",
        decisions: [
            "Identifier: Compact Language Detector 2 (libcld2). Measured on Fixtures/phrases/langid-short.tsv (25 short buyer-seller sentences each in en, es, fr, de, it, ja; 150 in all): CLD2 144/150 = 96.0% (en 25, es 21, fr 25, de 24, it 24, ja 25; 143/147 = 97.3% of the answers it calls reliable); libexttextcat (LibreOffice's TextCat, all 164 bundled models) 119/150 = 79.3% taking its first candidate (en 17, es 16, fr 22, de 22, it 17, ja 25) and only 83/150 = 55.3% unambiguous answers. CLD2 is used for its accuracy on short texts.",
            "The text judged is the visible text without placeholders, URLs, email addresses, numbers and order ids. Texts with fewer than 25 letters (a kana/kanji counts 3) are too short to judge and are skipped, as are answers CLD2 does not call reliable. On the fixture CLD2 is right on 18/20 sentences under 25 letters (90%), 100/103 of 25–39 letters (97%) and 26/27 of 40 letters or more; a wrong warning on one message in ten was judged too many, one in thirty acceptable for a warning.",
            "Allowed languages per marketplace (one table, Support/LanguageIdentifier.swift): amazon.com en/es, .ca en/fr, .com.mx es, .com.br pt, .co.uk en, .de de/en, .fr fr, .it it, .es es, .nl nl/en, .se sv/en, .pl pl, .com.be fr/nl/en, .com.tr tr, .ae/.sa/.eg ar/en, .in en/hi, .co.jp ja/en, .com.au en, .sg en, .ie en, .co.za en. English on .de, .nl, .se, .co.jp and the Arabic sites is allowed because those sites offer it as a language of preference.",
            "The marketplace finding is reported at the start of the text; the `<html lang>` finding at the `<html>` start tag. `lang` is compared by primary subtag (`en-GB` = `en`); `und`, `mul`, `zxx` and `mis` name no language and are not compared.",
        ],
        failing: [
            RuleExample("<p>↓Vielen Dank für Ihre Bestellung. Bitte bestätigen Sie uns die gewünschte Farbe für die Gravur.</p>",
                        note: "German on amazon.com (default marketplace)."),
            RuleExample("<p>↓Thank you for your order. Could you please confirm the colour you would like for the engraving?</p>",
                        config: "marketplace: amazon.fr"),
            RuleExample("↓<html lang=\"fr\"><body><p>Thank you for your order. Could you please confirm the colour you would like for the engraving?</p></body></html>"),
            RuleExample("<p>↓Grazie per il tuo ordine. Puoi confermare il colore che desideri per l'incisione?</p>", config: "marketplace: amazon.es"),
            RuleExample("↓<html lang=\"en\"><body><p>ご注文ありがとうございます。刻印の文字と色をご確認いただけますでしょうか。</p></body></html>",
                        config: "marketplace: amazon.co.jp"),
            RuleExample("<div style=\"font-size:1px\">&#8202;</div>\n<p>↓Vielen Dank für Ihre Bestellung. Bitte bestätigen Sie uns die gewünschte Farbe für die Gravur.</p>", note: "Reported at the first text that shows, not at a spacer's hair space."),
        ],
        passing: [
            RuleExample("<p>Thank you for your order. Could you please confirm the colour you would like for the engraving?</p>"),
            RuleExample("<p>Gracias por tu pedido. ¿Puedes confirmar el color que quieres para el grabado?</p>", note: "Spanish is allowed on amazon.com."),
            RuleExample("<html lang=\"de-DE\"><body><p>Vielen Dank für Ihre Bestellung. Bitte bestätigen Sie die gewünschte Farbe.</p></body></html>",
                        config: "marketplace: amazon.de"),
            RuleExample("<p>Danke!</p>", config: "marketplace: amazon.fr", note: "Too short to judge."),
            RuleExample("<p>ご注文ありがとうございます。刻印の文字をご確認ください。</p>", config: "marketplace: amazon.co.jp"),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Who may be messaged: the buyer's language",
        judgesWholeMessage: true
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.text]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        guard let (detected, letters) = MessageLanguage.detect(context) else { return }
        let lang = detected.language
        let market = context.configuration.marketplace
        let allowed = MarketplaceLanguages.allowed(market)
        let evidence = "CLD2: \(lang), \(detected.percent)% of \(letters) letters, reliable"
        if !allowed.contains(lang) {
            let start = context.text.firstVisibleRange ?? 0..<0
            report.report("The text is in \(MessageLanguage.name(lang)); \(market) allows \(allowed.map(MessageLanguage.name).joined(separator: ", "))",
                          at: ContentFindings.range(start, context), evidence: evidence)
        }
        if let html = MessageLanguage.htmlLang(context.document), html.language != lang {
            report.report("<html lang> says \(MessageLanguage.name(html.language)) but the text is in \(MessageLanguage.name(lang))",
                          node: html.node, evidence: "lang=\"\(html.node.attribute("lang") ?? "")\"; \(evidence)")
        }
    }
}
