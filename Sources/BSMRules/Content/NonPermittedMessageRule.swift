import BSMDocument
import BSMEngine
import BSMText

/// `non-permitted-message`: the message as a whole is a confirmation, a thank-you-only or
/// here-to-help note, a delay/out-of-stock notice, or proactive customer service.
public struct NonPermittedMessageRule: Rule {
    public static let metadata = RuleMetadata(
        id: "non-permitted-message",
        name: "Message type not permitted",
        category: .content,
        defaultSeverity: .warning,
        summary: "The message as a whole is an order, shipping, delivery or refund confirmation, a thank-you-only or here-to-help message, a delay or out-of-stock notice, or proactive customer service",
        rationale: """
        Amazon only permits proactive messages with a reason it lists (a fulfilment problem, information needed to \
        complete the order, a return question, an invoice, one review request, scheduling a delivery, verifying a \
        custom design). Confirmations, thank-you notes, “we are here to help” messages, delay and out-of-stock \
        notices and proactive customer service are not permitted. Deciding a message's purpose is a heuristic, \
        so this is a warning.
        """,
        fix: "Send the message only when it has a permitted purpose, and say that purpose plainly (for example the question the buyer needs to answer).",
        decisions: [
            "Each sentence is matched against the `type.<category>` sections of the phrase packs (all six languages). Categories: order-confirmation, shipping-confirmation, delivery-confirmation, refund-confirmation, delay, out-of-stock, proactive-service, thank-you, here-to-help.",
            "A message with any permitted-purpose cue (a review request, “please confirm”, “we need”, an invoice, warranty, return, appointment, custom design, engraving, a delivery problem — the `permitted` section) is never reported.",
            "A request to the buyer counts as a permitted purpose like a question: returning or sending something back (“please return the original item”, “send the broken part back”, “Bitte senden Sie … an uns zurück”, “devuelva”, “renvoyer”, “restituire”, 返送), telling or choosing something (“let us know your preferred delivery date”, “please choose a delivery slot”, “teilen Sie uns Ihren … mit”, “indíquenos su”, “nous indiquer votre”, “ci indichi il”, をお知らせください). “Let us know if you need anything” stays a here-to-help cue: only “let us know your/when/which/whether” is a request.",
            "A question to the buyer of four words or more (“Which day suits you for the delivery?”) asks for information and counts as a permitted purpose, unless it is itself a thank-you or here-to-help cue (“If you have any questions?”).",
            "Otherwise the confirmation/notice/service category with the most cues decides the message, provided non-permitted cues of any category are in at least a quarter of the substantive (non-filler) sentences: one “tips” in a long newsletter does not make it proactive customer service. Thank-you and here-to-help decide it only when every sentence is either such a cue or filler (greetings, sign-offs, placeholders, order-id lines, sentences of at most two words).",
            "One finding per message, at the first sentence holding a deciding phrase; the message names the category and the deciding phrases.",
        ],
        failing: [
            RuleExample("<p>Hi {{buyer_name}},</p><p>↓Good news: your order has shipped! Your tracking number is 1Z999.</p><p>Best regards</p>"),
            RuleExample("<p>↓Thank you for your purchase!</p><p>We hope you enjoy it.</p><p>Kind regards, the team</p>"),
            RuleExample("<p>↓If you have any questions, we are here to help.</p>"),
            RuleExample("<p>Hola,</p><p>↓Su pedido ha sido enviado y está en camino.</p>"),
            RuleExample("<p>↓Leider gibt es eine Verzögerung bei Ihrer Lieferung.</p>"),
            RuleExample("<p>ご注文ありがとうございます。</p><p>↓商品を発送しました。</p>"),
            RuleExample("Order 123-1234567-1234567\n\n↓Here are some tips on how to use your new blender.", kind: .text),
            RuleExample("<p>Order 123-1234567-1234567.</p><p>We hope you love your new blender. ↓Let us know if you need anything.</p>"),
            RuleExample("<p>Order 123-1234567-1234567.</p><p>↓Just checking in to make sure everything arrived okay.</p>"),
            RuleExample("<p>Order 123-1234567-1234567.</p><p>↓Your order has shipped. If you have any questions, please let us know.</p>", note: "“Please let us know” alone asks for nothing."),
            RuleExample("<p>ご注文番号 112-3456789-0123456</p><p>↓商品を発送しました。何かございましたらお知らせください。</p>", note: "お知らせください without an object asks for nothing."),
        ],
        passing: [
            RuleExample("<p>Your order has shipped. Please confirm the engraving text so we can finish the second item.</p>", note: "A permitted purpose decides."),
            RuleExample("<p>Thank you for your order. Please share your honest experience in a review.</p>", note: "One review request is permitted."),
            RuleExample("<p>We need your preferred delivery date for the bulky item.</p>"),
            RuleExample("<p>Nous avons besoin de votre adresse complète pour la livraison.</p>"),
            RuleExample("<p>Your order has shipped. Which day suits you for the delivery of the sofa?</p>", note: "A question to the buyer is a permitted purpose."),
            RuleExample("<p>Thank you for your order. The blue model comes with a second filter cartridge.</p>", note: "Thanks plus other content is not thank-you-only."),
            RuleExample("<p>Order 112-3456789-0123456</p><p>Your replacement has shipped. Please return the original item within 30 days.</p>", note: "A return request is a permitted purpose."),
            RuleExample("<p>Order 112-3456789-0123456</p><p>Your order has shipped. Please let us know your preferred delivery date.</p>", note: "Asking for information."),
            RuleExample("<p>Bestellung 112-3456789-0123456</p><p>Ihre Bestellung wurde versandt. Bitte teilen Sie uns Ihren Wunschliefertermin mit.</p>"),
            RuleExample("<p>Pedido 112-3456789-0123456</p><p>Su reemplazo ha sido enviado. Por favor, devuelva el artículo dañado.</p>"),
            RuleExample("<p>Commande 112-3456789-0123456</p><p>Votre commande a été expédiée. Merci de nous indiquer votre date de livraison souhaitée.</p>"),
            RuleExample("<p>ご注文番号 112-3456789-0123456</p><p>商品を発送しました。お届け希望日をお知らせください。</p>"),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Messages that are not permitted"
    )

    static let strong = ["order-confirmation", "shipping-confirmation", "delivery-confirmation", "refund-confirmation",
                         "delay", "out-of-stock", "proactive-service"]
    static let soft = ["thank-you", "here-to-help"]

    static func label(_ c: String) -> String {
        switch c {
        case "order-confirmation": return "an order confirmation"
        case "shipping-confirmation": return "a shipping confirmation"
        case "delivery-confirmation": return "a delivery confirmation"
        case "refund-confirmation": return "a refund confirmation"
        case "delay": return "a delay notice"
        case "out-of-stock": return "an out-of-stock notice"
        case "proactive-service": return "proactive customer service (manuals, tips, FAQs)"
        case "thank-you": return "a thank-you-only message"
        default: return "a here-to-help message"
        }
    }

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.text, .sentences]) }

    /// A greeting, sign-off, placeholder or order-id line: carries no purpose of its own.
    static func isFiller(_ s: SentenceView, filler: PhraseIndex) -> Bool {
        if s.hasCJK {
            var rest = s.text.count
            for h in filler.hits(in: s) { rest -= (s.text.utf8Slice((h.range.lowerBound - s.range.lowerBound)..<(h.range.upperBound - s.range.lowerBound))).count }
            return rest <= 6
        }
        let hits = filler.hits(in: s)
        var words = 0
        for (k, t) in s.tokens.enumerated() where t.first.map({ $0.isLetter }) ?? false {
            let r = s.tokenRanges[k]
            if hits.contains(where: { $0.range.lowerBound <= r.lowerBound && r.upperBound <= $0.range.upperBound }) { continue }
            words += 1
        }
        return words <= 2
    }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let sentences = context.sentences
        guard !sentences.isEmpty else { return }
        let permitted = PhrasePacks.section("permitted")
        if sentences.contains(where: { permitted.contains(in: $0) }) { return }
        var hits: [String: [(sentence: Int, hit: PhraseHit)]] = [:]
        for c in NonPermittedMessageRule.strong + NonPermittedMessageRule.soft {
            let idx = PhrasePacks.section("type." + c)
            for (i, s) in sentences.enumerated() {
                for h in idx.hits(in: s) { hits[c, default: []].append((i, h)) }
            }
        }
        // A real question to the buyer (not “Any questions?”) asks for information: permitted.
        let softSentences = Set(NonPermittedMessageRule.soft.flatMap { (hits[$0] ?? []).map(\.sentence) })
        for (i, s) in sentences.enumerated() where !softSentences.contains(i) && s.wordCount >= 4 {
            if let last = s.text.last, last == "?" || last == "？" { return }
        }
        let filler = PhrasePacks.section("filler")
        let substantive = sentences.indices.filter { !NonPermittedMessageRule.isFiller(sentences[$0], filler: filler) }
        var decided: String?
        var best = 0
        // Non-permitted cues must carry the message: a quarter of its substantive sentences at least.
        let cueSentences = Set(hits.values.flatMap { $0.map(\.sentence) })
        let carries = cueSentences.count * 4 >= max(1, substantive.count)
        for c in NonPermittedMessageRule.strong where carries {
            let n = hits[c]?.count ?? 0
            if n > best { best = n; decided = c }
        }
        if decided == nil {
            let soft = NonPermittedMessageRule.soft
            let covered = Set(soft.flatMap { (hits[$0] ?? []).map(\.sentence) })
            guard !covered.isEmpty else { return }
            for (i, s) in sentences.enumerated() where !covered.contains(i) {
                if !NonPermittedMessageRule.isFiller(s, filler: filler) { return }
            }
            decided = (hits["here-to-help"]?.isEmpty ?? true) ? "thank-you" : "here-to-help"
        }
        guard let category = decided, let list = hits[category], let first = list.first else { return }
        let phrases = ContentFindings.phrases(list.map(\.hit))
        let s = sentences[first.sentence]
        report.report("The message as a whole is \(NonPermittedMessageRule.label(category)) (\(phrases)), which Amazon does not permit: \(ContentFindings.quote(s.text))",
                      at: ContentFindings.range(s.range, context), evidence: "category: \(category); phrases: \(phrases)")
    }
}
