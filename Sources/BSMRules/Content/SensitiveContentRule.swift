import BSMDocument
import BSMEngine
import BSMText

/// `sensitive-content`: offensive, adult or violent words in text or alt text.
public struct SensitiveContentRule: Rule {
    public static let metadata = RuleMetadata(
        id: "sensitive-content",
        name: "Sensitive content",
        category: .content,
        defaultSeverity: .error,
        summary: "Offensive, adult or violent words (per-language lists) in the text or in an image's alt text",
        rationale: """
        Amazon blocks messages with sensitive content: adult or offensive language, violence or gore, in text or \
        images (content rule 8). bsmlint checks the words it can see: the visible text and the alt text of images.
        """,
        fix: "Remove or replace the word.",
        decisions: [
            "The `offensive`, `adult` and `violent` sections of the phrase packs are short, factual starter lists per language (en, es, fr, de, it, ja); they are matched on word boundaries (`fuck*` matches `fucking`, not `Fuchs`), case- and accent-insensitively, Japanese without spaces.",
            "Each word is reported at its own position, naming its list; alt text is checked on `img`, `area` and `input[type=image]`, and an .eml's decoded Subject (reported at the header).",
            "Each language's list applies to a message in any language, except that a word of another language's list is not reported when the message's language (`<html lang>`, else detected) has it as an ordinary word in its hunspell dictionary: French *retard* (a delay) and Spanish *nudo* (a knot) pass in French and Spanish messages, while *retard* stays offensive in English ones and an English insult in a French message is still reported.",
            "Ambiguous strings are left out of the lists: the colour *nude* (tights, make-up: only `nudes`, `nudity`, `nude photo*` are listed), *Nacktschnecken* (slugs: only `nackt`, `nackte*`, `nacktbild*`, `nacktfoto*`), Italian *rame nudo* (bare copper: only `nudità`, `nudo integrale`, `foto di nudo`); `XXX` is how templates mask numbers (`IP Address: XXX.XX.XXX.XX`); `retard*` would take in “flame retardant”, so only retard, retards, retarded are listed.",
            "Japanese words are matched as substrings; a word of at most three kana (くそ, クソ) counts only when no kana touches it, so 明日届くそうです, 着くそうです, やくそく (約束), ふくそう (服装) and ブラックソックス pass while 「くそ、遅い」 fails; longer or kanji forms (くそったれ, クソ野郎, 糞) are listed as well.",
            "Pictures themselves (bare skin, gore) cannot be judged from markup and are not checked.",
        ],
        failing: [
            RuleExample("<p>Sorry for the ↓shitty packaging.</p>"),
            RuleExample("<img src=\"https://example.com/a.png\" alt=\"↓sexy model\">"),
            RuleExample("<p>Das war ein ↓Arschloch von Kurier.</p>"),
            RuleExample("<p>Qué ↓mierda de transportista.</p>"),
            RuleExample("Our courier said he would ↓kill you if you complain.", kind: .text),
            RuleExample("<p>↓くそ、また遅れた。</p>", note: "No kana touches the word."),
            RuleExample("<p>この↓クソ野郎。</p>"),
            RuleExample("<p>What a ↓retarded courier.</p>"),
            RuleExample("<html lang=\"fr\"><body><p>Désolé pour cet emballage ↓shitty, le transporteur a fait une erreur.</p></body></html>", note: "An English insult in a French message: not a French word."),
        ],
        passing: [
            RuleExample("<p>Thank you for your order.</p>"),
            RuleExample("<img src=\"https://example.com/a.png\" alt=\"Blue cotton shirt\">"),
            RuleExample("<p>Der Fuchs springt über den Zaun.</p>", note: "Word boundaries: no substring matches."),
            RuleExample("<p>Nous espérons que le produit vous plaira.</p>"),
            RuleExample("<p>配送業者によると、商品は明日届くそうです。</p>", note: "く+そ inside 届くそうです (“it seems it will arrive”)."),
            RuleExample("<p>お届けのやくそくの日時をお知らせください。</p>", note: "やくそく (約束, a promise)."),
            RuleExample("<p>This mattress is treated with a flame retardant.</p>"),
            RuleExample("<p>Flame-retardant fabric and flame retardants are listed on the label.</p>"),
            RuleExample("<html lang=\"fr\"><body><p>Nous vous prions de nous excuser pour le retard de livraison de votre commande.</p></body></html>", note: "*Retard* is a delay in French."),
            RuleExample("<p>The tights come in black and nude. Our slug pellets also work against Nacktschnecken.</p>"),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Content 8"
    )

    static let lists = ["offensive", "adult", "violent"]

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ["img", "area", "input"], needs: [.text, .sentences]) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let node = context.document[id]
        guard let alt = node.attributeNode("alt"), !alt.value.isEmpty else { return }
        if node.name == "input", node.attribute("type")?.lowercased() != "image" { return }
        let s = SentenceView(standalone: alt.value, placeholders: context.placeholders)
        for list in SensitiveContentRule.lists {
            for h in SensitiveContentRule.hits(list, s, in: alt.value, context) {
                report.report("\(SensitiveContentRule.describe(list)) word “\(alt.value.utf8Slice(h.range))” in alt text",
                              at: context.document.sourceRange(inAttribute: alt, h.range), evidence: "alt=\"\(alt.value)\"")
            }
        }
    }

    /// The words of a list in a sentence; `text` is the string the hit ranges index. A short
    /// word written only in kana (at most three) is matched as a substring, so it counts only
    /// when no kana touches it: くそ in 届くそうです (“it seems it will arrive”), やくそく or ふくそう, and クソ in
    /// ブラックソックス, are parts of other words.
    static func hits(_ list: String, _ s: SentenceView, in text: String, _ context: RuleContext) -> [PhraseHit] {
        let all = PhrasePacks.section(list).hits(in: s).filter { inMessageLanguage($0, text, context) }
        guard s.hasCJK else { return all }
        let bytes = Array(text.utf8)
        return all.filter { h in
            let word = text.utf8Slice(h.range)
            guard !word.isEmpty, word.unicodeScalars.count <= 3, word.unicodeScalars.allSatisfy(isKana) else { return true }
            return !(scalar(bytes, endingAt: h.range.lowerBound).map(isKana) ?? false)
                && !(scalar(bytes, startingAt: h.range.upperBound).map(isKana) ?? false)
        }
    }

    /// A word of another language's list counts unless it is an ordinary word of the message's
    /// language (its hunspell dictionary knows it): French *retard* (a delay) is not the English
    /// insult, Spanish *nudo* (a knot) not Italian *nudo*. Without a known message language or
    /// its dictionary, every list counts.
    static func inMessageLanguage(_ h: PhraseHit, _ text: String, _ context: RuleContext) -> Bool {
        guard let lang = MessageLanguage.shared(context)?.language, h.language != lang,
              let dictionary = SpellChecker.shared.dictionary(for: lang, marketplace: context.configuration.marketplace) else { return true }
        let word = text.utf8Slice(h.range)
        return !word.split(separator: " ").allSatisfy { dictionary.spell(String($0)) }
    }

    static func isKana(_ u: Unicode.Scalar) -> Bool {
        (0x3041...0x309F).contains(u.value) || (0x30A0...0x30FF).contains(u.value) || (0xFF66...0xFF9F).contains(u.value)
    }

    static func scalar(_ b: [UInt8], startingAt i: Int) -> Unicode.Scalar? {
        guard i >= 0, i < b.count else { return nil }
        var end = i + 1
        while end < b.count, b[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: b[i..<end], as: UTF8.self).unicodeScalars.first
    }

    static func scalar(_ b: [UInt8], endingAt i: Int) -> Unicode.Scalar? {
        guard i > 0, i <= b.count else { return nil }
        var start = i - 1
        while start > 0, b[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: b[start..<i], as: UTF8.self).unicodeScalars.first
    }

    static func describe(_ list: String) -> String {
        switch list {
        case "adult": return "Adult"
        case "violent": return "Violent"
        default: return "Offensive"
        }
    }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        if let subject = context.input.subject {
            let s = SentenceView(standalone: subject.text, placeholders: context.placeholders)
            for list in SensitiveContentRule.lists {
                for h in SensitiveContentRule.hits(list, s, in: subject.text, context) {
                    report.report("\(SensitiveContentRule.describe(list)) word “\(subject.text.utf8Slice(h.range))” in the subject",
                                  at: subject.range, evidence: "Subject: \(subject.text)")
                }
            }
        }
        let text = context.text.text
        for s in context.sentences {
            for list in SensitiveContentRule.lists {
                for h in SensitiveContentRule.hits(list, s, in: text, context) {
                    report.report("\(SensitiveContentRule.describe(list)) word “\(text.utf8Slice(h.range))” in \(ContentFindings.quote(s.text))",
                                  at: ContentFindings.range(h.range, context), evidence: "\(list) list: \(h.phrase)")
                }
            }
        }
    }
}

extension String {
    /// The substring at a UTF-8 range (clamped).
    func utf8Slice(_ r: Range<Int>) -> String {
        let b = Array(utf8)
        let lo = max(0, min(r.lowerBound, b.count)), hi = max(lo, min(r.upperBound, b.count))
        return String(decoding: b[lo..<hi], as: UTF8.self)
    }
}
