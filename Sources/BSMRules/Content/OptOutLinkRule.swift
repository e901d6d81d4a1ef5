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
            "Phrases are data (`Data/phrases/<lang>/optout.txt`, en es fr de it ja), specific enough not to catch delivery talk (“opt out of these emails”, “no longer want to receive our emails”, not “opt out of the extended warranty” or “no longer want to receive the second shipment”; “manage your email subscriptions”, not “update your preferences for the engraving font”; `abmelden`, `abbestellen`, `désinscrire`, 登録解除 (which also mean leaving a course, cancelling part of an order or unpairing a device) count only as a link's text, fillers aside (“Hier abmelden”, “Cliquez ici pour vous désinscrire”, 登録解除はこちら), or in newsletter phrases (“vom Newsletter abmelden”); a bare “opt out”, “opt-out” or “update your preferences” counts when it stands alone — at the end of its clause, as a link's whole text, or before anytime/here/below/by (“Opt-out anytime”, “To opt out, reply STOP”); `stop receiving these`/`emails`, not `stop receiving`; `aus dem Newsletter austragen`, not `austragen`, which also means delivering a parcel; not 受信拒否, which sellers use to ask buyers to allow their mail; “no recibir más mensajes/correos”, “non vuole più ricevere messaggi/email”, with what is no longer wanted, not “no recibir más retrasos” or “non vuole più ricevere il prodotto”; 配信の停止 and 今後のご案内が不要, not 配送の停止), matched in the visible text after `normalizedForMatching` (case, accents, widths ignored) on word boundaries; Japanese phrases match as substrings.",
            "A link is also reported when its target says it (`unsubscribe`, `unsub`, `optout`, `opt-out`, `abmelden`, `desabonner`, `desinscription`, `disiscri`, `email-preferences`… in the URL) or is a merge field named so (`{{unsubscribe_url}}`, `*|UNSUB|*`); when the link's own text already matched, the link is not reported again.",
            "A placeholder in the text named unsubscribe/opt-out (`*|UNSUB|*`, `[[unsubscribe]]`) is reported too: seller tools replace it with an opt-out link.",
            "Each phrase occurrence is one finding at its first character (at most 200 per document); hidden text (`display:none`) is not read. Long blocks are matched in pieces of at most 2 KB cut at sentence ends.",
        ],
        failing: [
            RuleExample("<p>If you'd ↓rather not hear from us again, just reply \"no thanks\".</p>"),
            RuleExample("<p>Sie können sich jederzeit ↓von diesen Nachrichten abmelden.</p>"),
            RuleExample("<p>Sie können unseren ↓Newsletter jederzeit abbestellen.</p>"),
            RuleExample("<p>If you would ↓prefer not to receive messages like this, let us know.</p>"),
            RuleExample("<p><a href=\"https://example.com/a\">Hier ↓abmelden</a> · <a href=\"https://example.com/b\">» ↓Abmelden.</a> · <a href=\"https://example.com/c\">↓登録解除はこちら</a></p>"),
            RuleExample("<p><a href=\"https://example.com/x\">↓Abmelden</a> · <a href=\"https://example.com/y\">↓Se désinscrire</a></p>"),
            RuleExample("<p>↓Opt-out anytime. ↓To opt out, reply STOP.</p>"),
            RuleExample("<p><a href=\"https://shop.example/p?id=1\">↓Opt out</a> · <a href=\"*|UPDATE_PROFILE|*\">↓Update your preferences</a></p>"),
            RuleExample("<p>If you ↓no longer wish to receive any emails from us, let us know.</p>"),
            RuleExample("<p>Don't want these emails? <a href=\"https://example.com/x\">↓Unsubscribe</a></p>"),
            RuleExample("<p>Si ya no quiere estos mensajes, puede ↓darse de baja.</p>"),
            RuleExample("<p>↓<a href=\"https://example.com/email/unsubscribe?u=1\">Klicken Sie hier</a></p>", note: "The link target says it."),
            RuleExample("<p>Pour ↓ne plus recevoir nos e-mails, ↓désabonnez-vous ici.</p>"),
            RuleExample("<p>メールの↓配信停止はこちら</p>"),
            RuleExample("<p>↓<a href=\"{{unsubscribe_url}}\">Click</a> · ↓*|UNSUB|*</p>"),
            RuleExample("<p>↓Gestisci le preferenze</p>"),
            RuleExample("<p>If you ↓do not want to receive further emails from us, just let us know.</p>"),
            RuleExample("<p>We will ↓remove you from our mailing list on request.</p>"),
            RuleExample("<p>You can ↓opt out of these emails at any time.</p>"),
            RuleExample("<p>If you ↓no longer want to receive our emails, ↓reply STOP.</p>"),
            RuleExample("<p>Si ↓no desea recibir más mensajes nuestros, avísenos.</p>"),
            RuleExample("<p>今後このようなメールの↓受信を希望されない場合はご連絡ください。</p>"),
            RuleExample("<p>Se ↓non vuole più ricevere messaggi da parte nostra, risponda con CANCELLAMI.</p>"),
            RuleExample("<p>Para ↓no recibir más mensajes, responda BAJA.</p>"),
            RuleExample("<p>メール↓配信の停止をご希望の方は、こちらからお手続きください。</p>"),
            RuleExample("<p>↓今後のご案内が不要な場合は、このメールにご返信ください。</p>"),
        ],
        passing: [
            RuleExample("<p>Sie möchten den zweiten Karton aus Ihrer Bestellung abbestellen? Oder sich vom Töpferkurs wieder abmelden? Antworten Sie einfach.</p>", note: "`abbestellen`/`abmelden` count only as a link's whole text."),
            RuleExample("<p>Thank you for your order 112-3456789-0123456. Could you confirm the engraving text?</p>"),
            RuleExample("<p>If you do not want to receive the replacement, just reply to this message.</p>"),
            RuleExample("<p>If you want to opt out of the extended warranty, please let us know. You can also opt-out of Saturday delivery.</p>", note: "Opting out of something other than messages."),
            RuleExample("<p>If you no longer want to receive the second shipment, please tell us.</p>"),
            RuleExample("<p>Could you update your preferences for the engraving font? You can manage your subscription deliveries in Subscribe &amp; Save.</p>"),
            RuleExample("<p>Bitte melden Sie sich bei Ihrem Konto an, um die Bestellung zu sehen.</p>", note: "`anmelden` is not `abmelden`."),
            RuleExample("<p style=\"display:none\">unsubscribe</p><p>Hello</p>", note: "Hidden text is not read."),
            RuleExample("<p>Votre commande a bien été préparée. <a href=\"https://www.amazon.fr/gp/css/order-history\">Vos commandes</a></p>"),
            RuleExample("<p>Le preferenze di colore sono state registrate.</p>"),
            RuleExample("<p>Der Bote wird das Paket morgen austragen. Falls Sie die Ware nicht mehr erhalten möchten, antworten Sie bitte.</p>", note: "Delivery words are not opt-outs."),
            RuleExample("<p>受信拒否設定をされている場合は、当店からのメールを受信できるよう設定してください。</p>", note: "Asking to allow the seller's mail is not an opt-out."),
            RuleExample("<p>Si desea cancelar el pedido, puede hacerlo desde Mis pedidos.</p>", note: "Cancelling an order is no opt-out."),
            RuleExample("<p>Se non vuole più ricevere il prodotto, può restituirlo entro 30 giorni.</p>"),
            RuleExample("<p>配送の停止をご希望の場合はご連絡ください。</p>", note: "Stopping a delivery, not messages."),
        ],
        appliesTo: [.html, .text, .eml]
    )

    /// Every language's phrases, read once.
    static let phrases: [(language: String, phrase: String)] = PhraseData.load("optout")
    /// Each phrase with the folded words (without `*`) that must occur in a text it matches, and
    /// whether it must stand alone (written with a trailing ` $`: “opt out $”).
    static let compiled: [(phrase: String, needles: [[UInt8]], standalone: Bool, linkOnly: Bool)] = phrases.map { p in
        let standalone = p.phrase.hasSuffix(" $")
        let linkOnly = p.phrase.hasSuffix(" @link")
        let phrase = standalone ? String(p.phrase.dropLast(2)) : linkOnly ? String(p.phrase.dropLast(6)) : p.phrase
        let words = normalizedForMatching(phrase).split(separator: " ").map { String($0.filter { $0 != "*" }) }.filter { !$0.isEmpty }
        return (phrase, words.map { Array($0.utf8) }, standalone, linkOnly)
    }

    /// A phrase written with ` @link` (`abmelden @link`: a verb that also means leaving a course
    /// or cancelling part of an order) counts only as a link's text: the link's words, less
    /// punctuation and a few filler words (`hier`, `jetzt`, `klicken`, `こちら` …), are the phrase's.
    /// `linkWords` caches each link's words for the document.
    static func isWholeLinkText(_ phrase: String, _ r: Range<Int>, _ model: TextModel, _ doc: Document,
                                _ linkWords: inout [NodeID: [Substring]]) -> Bool {
        guard let run = model.run(containing: r.lowerBound), let link = ContentLinks.enclosingLink(run.node, in: doc) else { return false }
        let words: [Substring]
        if let known = linkWords[link] {
            words = known
        } else {
            let text = doc.textContent(link)
            // A link of more than a few words is a sentence, not a button.
            words = text.utf8.count > 200 ? [] : normalizedForMatching(text)
                .split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" })
                .filter { !linkFillers.contains(String($0)) }
            linkWords[link] = words
        }
        let wanted = normalizedForMatching(phrase).split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" })
            .filter { !linkFillers.contains(String($0)) }
        if words.elementsEqual(wanted) { return true }
        // Japanese: the link's text without its filler, as one string (`登録解除はこちら`).
        let joined = words.joined(), phraseJoined = wanted.joined()
        return !phraseJoined.isEmpty && joined.hasPrefix(phraseJoined) && joined.count <= phraseJoined.count + 4
    }

    /// Words a link's text may hold beside an `@link` phrase (“Hier abmelden”, “Zum Abmelden hier
    /// klicken”, “Cliquez ici pour vous désinscrire”, 登録解除はこちら), folded.
    static let linkFillers: Set<String> = [
        "hier", "jetzt", "klicken", "zum", "bitte", "sich", "sie", "konnen", "jederzeit", "here", "click", "now", "ici",
        "cliquez", "pour", "vous", "cliquer", "こちら", "は", "から",
    ]

    /// Words after which a bare “opt out” / “update your preferences” is still about messages:
    /// “opt out anytime”, “opt out here”, “opt out by replying STOP”.
    static let standaloneFollowers: Set<String> = ["anytime", "any", "here", "below", "now", "by", "via", "using", "through", "today", "instantly"]

    /// A phrase that must stand alone does, at `end` of `line`: nothing follows in its clause (the
    /// line ends, or punctuation — `Opt out.`, `opt out, reply STOP`, a link's whole text followed
    /// by `|`), or a word of `standaloneFollowers`. “Opt out of the extended warranty” does not.
    static func standsAlone(_ line: String, at end: Int) -> Bool {
        let b = Array(line.utf8)
        var i = end
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        guard i < b.count else { return true }
        let c = b[i]
        let startsWord: Bool
        if c >= 0x80 {
            // A letter of another script continues the clause; `·`, `|`-like signs and dashes do not.
            let rest = String(decoding: b[i..<min(b.count, i + 4)], as: UTF8.self)
            startsWord = rest.unicodeScalars.first.map { $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
        } else {
            startsWord = (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
        }
        guard startsWord else { return true }
        var j = i
        while j < b.count, (b[j] | 0x20) >= 0x61 && (b[j] | 0x20) <= 0x7A { j += 1 }
        return standaloneFollowers.contains(String(decoding: b[i..<j], as: UTF8.self).lowercased())
    }

    /// The blocks (lines) of the text, with long ones cut into pieces of at most 2 KB at a
    /// sentence end or a space, so phrase matching never works on more than a bounded piece.
    static func segments(_ b: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        let maxLen = 2048
        while start < b.count {
            var end = start
            while end < b.count, b[end] != 0x0A, end - start < maxLen { end += 1 }
            if end < b.count, b[end] != 0x0A {
                // Cut at the last sentence end (". ", "! ", "? "), else the last space.
                var cut = -1
                var k = end - 1
                while k > start + maxLen / 2 {
                    if b[k] == 0x20, b[k - 1] == 0x2E || b[k - 1] == 0x21 || b[k - 1] == 0x3F { cut = k; break }
                    k -= 1
                }
                if cut < 0 {
                    k = end - 1
                    while k > start, b[k] != 0x20 { k -= 1 }
                    cut = k > start ? k : end
                }
                // Never cut inside a UTF-8 sequence.
                while cut > start + 1, cut < b.count, b[cut] & 0xC0 == 0x80 { cut -= 1 }
                end = cut
            }
            if end > start { out.append(start..<end) }
            start = end < b.count && b[end] == 0x0A ? end + 1 : max(end, start + 1)
        }
        return out
    }

    /// Byte substring search over raw buffers (needles are short; linear in practice).
    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= hay.count else { return false }
        return hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let first = n[0], m = n.count, last = h.count - m
                var i = 0
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < m, h[i + k] == n[k] { k += 1 }
                        if k == m { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
    /// URL fragments of opt-out links (lower case).
    static let urlWords = [
        "unsubscribe", "unsub", "optout", "opt-out", "opt_out", "abmelden", "abbestellen", "desabonn", "desinscri",
        "désabonn", "désinscri", "disiscri", "cancelar-suscripcion", "darse-de-baja", "email-preferences",
        "email_preferences", "emailpreferences", "manage-preferences", "manage_preferences",
    ]

    /// Findings per document are capped (a page of 10 000 footers is one problem, and the
    /// overlap check stays bounded).
    static let maxFindings = ContentLinks.maxFindingsPerDocument

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
            || key.contains("desinscri") || key.contains("disiscri") || key.contains("updateprofile")
            || key.contains("emailpreferences") || key == "preferences" || key.contains("managepreferences")
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
        var linkWords: [NodeID: [Substring]] = [:]
        let bytes = Array(model.text.utf8)
        if !model.text.isEmpty {
            // Phrases never cross blocks: each block (line of the text model) is folded once, and
            // the word-boundary matcher runs only for phrases whose words all occur in it.
            let wholeFolded = Array(normalizedForMatching(model.text).utf8)
            let possible = OptOutLinkRule.compiled.filter { c in c.needles.allSatisfy { OptOutLinkRule.contains(wholeFolded, $0) } }
            for seg in possible.isEmpty ? [] : OptOutLinkRule.segments(bytes) where hits.count < OptOutLinkRule.maxFindings {
                let line = String(decoding: bytes[seg], as: UTF8.self)
                let folded = Array(normalizedForMatching(line).utf8)
                let candidates = possible.filter { c in c.needles.allSatisfy { OptOutLinkRule.contains(folded, $0) } }
                guard !candidates.isEmpty else { continue }
                let normalized = NormalizedText(line, placeholders: context.placeholders)
                for c in candidates where hits.count < OptOutLinkRule.maxFindings {
                    for r in normalized.ranges(of: c.phrase, limit: OptOutLinkRule.maxFindings - hits.count)
                    where !c.standalone || OptOutLinkRule.standsAlone(line, at: r.upperBound) {
                        let abs = (r.lowerBound + seg.lowerBound)..<(r.upperBound + seg.lowerBound)
                        if c.linkOnly, !OptOutLinkRule.isWholeLinkText(c.phrase, abs, model, doc, &linkWords) { continue }
                        if !hits.contains(where: { $0.0.overlaps(abs) }) { hits.append((abs, c.phrase)) }
                    }
                }
            }
            for p in model.placeholders where hits.count < OptOutLinkRule.maxFindings && OptOutLinkRule.isOptOutName(p.inner)
                && !hits.contains(where: { $0.0.overlaps(p.utf8Range) }) {
                hits.append((p.utf8Range, p.text))
            }
        }
        hits.sort { $0.0.lowerBound < $1.0.lowerBound }
        var linksWithText = Set<NodeID>()
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
