import BSMDocument
import BSMEngine
import BSMText

/// `opt-out-link`: a link or text offering to unsubscribe, opt out or manage email preferences.
public struct OptOutLinkRule: Rule {
    public static let metadata = RuleMetadata(
        id: "opt-out-link",
        name: "Opt-out link",
        category: .content,
        defaultSeverity: .error,
        summary: "A link or text offers to unsubscribe, opt out or manage email preferences (en, es, fr, de, it, ja)",
        rationale: """
        Amazon does not allow links to opt out of messaging (content rule 7): buyers manage that in their Amazon \
        account, and an unsubscribe footer marks a message as marketing. Newsletter templates reused for \
        buyer-seller messages carry one almost always.
        """,
        fix: "Remove the unsubscribe/preferences link or sentence.",
        decisions: [
            "Phrases are data (`Data/phrases/<lang>/optout.txt`, en es fr de it ja), specific enough not to catch delivery talk (`stop receiving these`/`emails`, not `stop receiving`; `aus dem Newsletter austragen`, not `austragen`, which also means delivering a parcel; not 受信拒否, which sellers use to ask buyers to allow their mail), matched in the visible text after `normalizedForMatching` (case, accents, widths ignored) on word boundaries; Japanese phrases match as substrings.",
            "A link is also reported when its target says it (`unsubscribe`, `unsub`, `optout`, `opt-out`, `abmelden`, `desabonner`, `desinscription`, `disiscri`, `email-preferences`… in the URL) or is a merge field named so (`{{unsubscribe_url}}`, `*|UNSUB|*`); when the link's own text already matched, the link is not reported again.",
            "A placeholder in the text named unsubscribe/opt-out (`*|UNSUB|*`, `[[unsubscribe]]`) is reported too: seller tools replace it with an opt-out link.",
            "Each phrase occurrence is one finding at its first character; hidden text (`display:none`) is not read.",
        ],
        failing: [
            RuleExample("<p>Don't want these emails? <a href=\"https://example.com/x\">↓Unsubscribe</a></p>"),
            RuleExample("<p>Si ya no quiere estos mensajes, puede ↓darse de baja.</p>"),
            RuleExample("<p>↓<a href=\"https://example.com/email/unsubscribe?u=1\">Klicken Sie hier</a></p>", note: "The link target says it."),
            RuleExample("<p>Pour ↓ne plus recevoir nos e-mails, ↓désabonnez-vous ici.</p>"),
            RuleExample("<p>メールの↓配信停止はこちら</p>"),
            RuleExample("<p>↓<a href=\"{{unsubscribe_url}}\">Click</a> · ↓*|UNSUB|*</p>"),
            RuleExample("<p>↓Gestisci le preferenze</p>"),
        ],
        passing: [
            RuleExample("<p>Thank you for your order 112-3456789-0123456. Could you confirm the engraving text?</p>"),
            RuleExample("<p>Bitte melden Sie sich bei Ihrem Konto an, um die Bestellung zu sehen.</p>", note: "`anmelden` is not `abmelden`."),
            RuleExample("<p style=\"display:none\">unsubscribe</p><p>Hello</p>", note: "Hidden text is not read."),
            RuleExample("<p>Votre commande a bien été préparée. <a href=\"https://www.amazon.fr/gp/css/order-history\">Vos commandes</a></p>"),
            RuleExample("<p>Le preferenze di colore sono state registrate.</p>"),
            RuleExample("<p>Der Bote wird das Paket morgen austragen. Falls Sie die Ware nicht mehr erhalten möchten, antworten Sie bitte.</p>", note: "Delivery words are not opt-outs."),
            RuleExample("<p>受信拒否設定をされている場合は、当店からのメールを受信できるよう設定してください。</p>", note: "Asking to allow the seller's mail is not an opt-out."),
        ],
        appliesTo: [.html, .text, .eml]
    )

    /// Every language's phrases, read once.
    static let phrases: [(language: String, phrase: String)] = PhraseData.load("optout")
    /// Each phrase with the folded words (without `*`) that must occur in a text it matches.
    static let compiled: [(phrase: String, needles: [[UInt8]])] = phrases.map { p in
        let words = normalizedForMatching(p.phrase).split(separator: " ").map { String($0.filter { $0 != "*" }) }.filter { !$0.isEmpty }
        return (p.phrase, words.map { Array($0.utf8) })
    }

    /// Byte substring search (needles are short; linear enough for a pre-filter).
    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= hay.count else { return needle.isEmpty }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
    /// URL fragments of opt-out links (lower case).
    static let urlWords = [
        "unsubscribe", "unsub", "optout", "opt-out", "opt_out", "abmelden", "abbestellen", "desabonn", "desinscri",
        "désabonn", "désinscri", "disiscri", "cancelar-suscripcion", "darse-de-baja", "email-preferences",
        "email_preferences", "emailpreferences", "manage-preferences", "manage_preferences",
    ]

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ["a", "area"], needs: .text) }

    public struct State: Sendable {
        /// Links whose target is an opt-out URL: (link, evidence).
        var links: [(NodeID, String)] = []
    }

    public func makeState(_ context: RuleContext) -> State { State() }

    static func isOptOutName(_ s: String) -> Bool {
        let key = normalizedForMatching(s).filter { $0.isLetter }
        return key.contains("unsub") || key.contains("optout") || key.contains("abmelde") || key.contains("desabonn")
            || key.contains("desinscri") || key.contains("disiscri")
    }

    static func isOptOutURL(_ url: String, _ placeholders: PlaceholderMatcher) -> Bool {
        let lower = url.lowercased()
        if urlWords.contains(where: { lower.contains($0) }) { return true }
        return placeholders.placeholders(in: url).contains { isOptOutName($0.inner) }
    }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let node = context.node(id)
        guard let href = node.attribute("href"), OptOutLinkRule.isOptOutURL(href, context.placeholders) else { return }
        state.links.append((id, "href=\"\(href)\""))
    }

    public func finish(_ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let doc = context.document
        let model = context.text
        var hits: [(Range<Int>, String)] = []
        if !model.text.isEmpty {
            // Phrases never cross blocks: each block (line of the text model) is folded once, and
            // the word-boundary matcher runs only for phrases whose words all occur in it.
            let bytes = Array(model.text.utf8)
            let wholeFolded = Array(normalizedForMatching(model.text).utf8)
            let possible = OptOutLinkRule.compiled.filter { c in c.needles.allSatisfy { OptOutLinkRule.contains(wholeFolded, $0) } }
            var start = possible.isEmpty ? bytes.count : 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                if end > start {
                    let line = String(decoding: bytes[start..<end], as: UTF8.self)
                    let folded = Array(normalizedForMatching(line).utf8)
                    let candidates = possible.filter { c in c.needles.allSatisfy { OptOutLinkRule.contains(folded, $0) } }
                    if !candidates.isEmpty {
                        let normalized = NormalizedText(line, placeholders: context.placeholders)
                        for c in candidates {
                            for r in normalized.ranges(of: c.phrase) {
                                let abs = (r.lowerBound + start)..<(r.upperBound + start)
                                if !hits.contains(where: { $0.0.overlaps(abs) }) { hits.append((abs, c.phrase)) }
                            }
                        }
                    }
                }
                start = end + 1
            }
            for p in model.placeholders where OptOutLinkRule.isOptOutName(p.inner) && !hits.contains(where: { $0.0.overlaps(p.utf8Range) }) {
                hits.append((p.utf8Range, p.text))
            }
        }
        hits.sort { $0.0.lowerBound < $1.0.lowerBound }
        var linksWithText = Set<NodeID>()
        let bytes = Array(model.text.utf8)
        for (r, phrase) in hits {
            guard let range = model.sourceRange(r, in: doc) else { continue }
            if let run = model.run(containing: r.lowerBound), let link = ContentLinks.enclosingLink(run.node, in: doc) {
                linksWithText.insert(link)
            }
            let found = String(decoding: bytes[r], as: UTF8.self)
            report.report("\"\(found)\" offers to opt out of messages: Amazon does not allow opt-out links",
                          at: range, evidence: "matched \"\(phrase)\"")
        }
        for (link, evidence) in state.links where !linksWithText.contains(link) {
            report.report("Link to an opt-out (unsubscribe) page: Amazon does not allow opt-out links", node: doc[link], evidence: evidence)
        }
    }
}
