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
            "Proactive customer service (manuals, tips, FAQs) that answers what the buyer asked (`reply`: “the manual you asked for”, “Sie hatten nach der Bedienungsanleitung gefragt”, お問い合わせいただいた…) is a reply and passes; a reply cue excuses no other category (“We have processed the full refund you requested” is a refund confirmation).",
            "Each sentence is matched against the `type.<category>` sections of the phrase packs (all six languages). Categories: order-confirmation, shipping-confirmation, delivery-confirmation, refund-confirmation, delay, out-of-stock, proactive-service, thank-you, here-to-help.",
            "A message with any permitted-purpose cue (a review request, “please confirm”, “we need”, an invoice, warranty, return, appointment, custom design, engraving, a delivery problem — the `permitted` section) is never reported.",
            "A request to the buyer counts as a permitted purpose like a question: returning or sending something back (“please return the original item”, “send the broken part back”, “Bitte senden Sie … an uns zurück”, “devuelva”, “renvoyer”, “restituire”, 返送), telling or choosing something (“let us know your preferred delivery date”, “please choose a delivery slot”, “teilen Sie uns Ihren … mit”, “indíquenos su”, “nous indiquer votre”, “ci indichi il”, をお知らせください). “Let us know if you need anything” stays a here-to-help cue: only “let us know your/when/which/whether” is a request.",
            "A question to the buyer of four words or more (“Which day suits you for the delivery?”) asks for information and counts as a permitted purpose, unless it is itself a thank-you or here-to-help cue (“If you have any questions?”).",
            "Otherwise the confirmation/notice/service category with the most cues decides the message, provided non-permitted cues of any category are in at least a quarter of the substantive (non-filler) sentences: one “tips” in a long newsletter does not make it proactive customer service. Thank-you and here-to-help decide it only when every sentence is either such a cue or filler (greetings, sign-offs, placeholders, order-id lines, sentences of at most two words, and the closing signature: up to three last lines of at most six capitalised words without closing punctuation, “The Harbor Goods Team”). The message is judged line by line: a sentence that runs on across a line break (“Thank you for your order,⏎the blue model comes with …”) is cut there.",
            "An order-id line is filler with its label (`order-label`: “Amazon order number:”, “Your order number is”, “Número de pedido:”, “Numéro de commande :”, “Numero d'ordine:”, “Ihre Bestellnummer:”, ご注文番号：, 注文番号): the label counts as filler only next to an order id or an order-id placeholder, so “Order number 112-… includes a second filter” stays substantive.",
            "Confirmations are recognised by their verbs too: “we have processed a (full) refund”, “the refund … has been completed”, “hemos tramitado el reembolso”, “abbiamo effettuato il rimborso”, “nous avons procédé au remboursement”, 返金…完了いたしました; “the refund will be issued once …” (a refund to come) is none. A delay is also the verb: “se retrasará”, “sera retardée”, “verspätet”.",
            "A failed delivery is a fulfilment problem being resolved (POLICY: permitted), even when it gives the tracking number to rebook it: “could not deliver your parcel”, “unable to deliver”, “delivery failed”, “please book / arrange a new delivery”, “no pudo entregar”, “n'a pas pu livrer”, “non ha potuto consegnare”, “konnte nicht zugestellt werden”, ご不在, 再配達 are permitted-purpose cues. “If delivery fails, the carrier will try again” is none.",
            "One finding per message, at the first sentence holding a deciding phrase; the message names the category and the deciding phrases.",
        ],
        failing: [
            RuleExample("↓Thank you for your order {{order.id}}! We hope you enjoy your new blanket.\n\nWarm regards,\nThe Cozy Nest Bedding Team", kind: .text, note: "A signature of capitalised words is filler."),
            RuleExample("↓Thanks for your order {{order.id}}. We really appreciate your business.", kind: .text, note: "A closing pleasantry keeps a thank-you note a thank-you note."),
            RuleExample("↓Vielen Dank für Ihren Einkauf (Bestellung {{order.id}})! Wir wünschen Ihnen viel Freude mit dem Artikel.", kind: .text),
            RuleExample("↓Ihr Paket zur Bestellung {{order.id}} wurde heute zugestellt.", kind: .text),
            RuleExample("↓ご注文 {{order.id}} の商品は本日配達完了しました。", kind: .text),
            RuleExample("{{buyer_name}} 様\n\n↓この度はご注文（{{order.id}}）いただき、誠にありがとうございます。商品をお楽しみください。", kind: .text, note: "A name with its honorific is filler."),
            RuleExample("<p>↓We have processed the full refund you requested.</p>"),
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
            RuleExample("<p>Numéro de commande : 171-1234567-1234567</p><p>↓Merci beaucoup pour votre achat.</p>", note: "A labelled order-id line is filler."),
            RuleExample("<p>山田様</p><p>ご注文番号：503-1234567-1234567</p><p>↓この度はご購入いただき誠にありがとうございました。</p>"),
            RuleExample("<p>Amazon order number: 112-3456789-0123456</p><p>↓Thank you very much for your purchase.</p>"),
            RuleExample("<p>Order 112-3456789-0123456</p><p>↓We have processed a full refund for your order.</p>"),
            RuleExample("<p>Commande 171-1234567-1234567</p><p>↓Nous avons procédé au remboursement intégral de votre commande.</p>"),
            RuleExample("<p>ご注文番号 503-1234567-1234567</p><p>↓全額返金の手続きが完了いたしました。</p>"),
            RuleExample("<p>Pedido 405-1234567-1234567</p><p>↓La entrega de su pedido se retrasará dos días.</p>"),
        ],
        passing: [
            RuleExample("<html lang=\"de\"><body><p>Sie hatten nach der deutschen Bedienungsanleitung für den Akkuschrauber aus Bestellung 303-2424242-3535353 gefragt. Sie finden sie im Anhang.</p></body></html>", note: "A manual the buyer asked for is a reply."),
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
            RuleExample("Hello,\n\nOrder 114-1234567-1234567: DHL could not deliver your parcel because nobody was at home. Please book a new delivery date on the DHL website with the tracking number 00340434161234567890.\n",
                        kind: .text, note: "A failed delivery is a fulfilment problem, even with the tracking number."),
            RuleExample("<p>Pedido 405-1234567-1234567</p><p>El transportista no pudo entregar su paquete. Su número de seguimiento es 1Z999AA10123456784.</p>"),
            RuleExample("<p>Número de pedido: 405-1234567-1234567</p><p>Muchas gracias por su compra. ¿Podría confirmarnos la talla que desea?</p>", note: "Thanks and a question to the buyer."),
            RuleExample("<p>Order 112-3456789-0123456</p><p>We will process your refund as soon as the parcel reaches us.</p>", note: "A refund to come is no refund confirmation."),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Messages that are not permitted",
        judgesWholeMessage: true
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

    /// A greeting, sign-off, placeholder or order-id line: carries no purpose of its own. An
    /// order-id line may carry its label (`order-label`: “Amazon order number:”, “Número de
    /// pedido:”, “Numéro de commande :”, “Bestellnummer”, ご注文番号：) — the label counts as
    /// filler only next to an order id or an order-id placeholder.
    static func isFiller(_ s: SentenceView, filler: PhraseIndex, placeholders: PlaceholderMatcher? = nil) -> Bool {
        var hits = filler.hits(in: s)
        let ids = orderIDRanges(s, placeholders: placeholders)
        if !ids.isEmpty { hits += PhrasePacks.section("order-label").hits(in: s) }
        if s.hasCJK {
            if ids.isEmpty {
                // The characters left once the filler and a name are taken out: a placeholder
                // with an honorific after it ({{buyer_name}} 様) is a name; other placeholders
                // (刻印内容：{{engraving_text}}) stand for content and count as written.
                let base = s.range.lowerBound
                let phs = (placeholders?.placeholders(in: s.text) ?? []).filter { p in
                    let rest = s.text.utf8Slice(p.utf8Range.upperBound..<s.text.utf8.count).drop { $0 == " " || $0 == "\u{3000}" }
                    return NonPermittedMessageRule.honorifics.contains { rest.hasPrefix($0) }
                }.map { ($0.utf8Range.lowerBound + base)..<($0.utf8Range.upperBound + base) }
                var covered = CoverSweep(hits.map(\.range) + phs)
                var rest = 0
                var off = base
                for ch in s.text {
                    let len = ch.utf8.count
                    if !covered.covers(off..<(off + len)) {
                        rest += 1
                        if rest > 6 { return false }
                    }
                    off += len
                }
                return true
            }
            // With an order id: the letters left once the label, the id and the filler are taken out
            // (ご注文番号：503-… is all label and id; 山田様 is a name and filler).
            var covered = CoverSweep(hits.map(\.range) + ids)
            var rest = 0
            var off = s.range.lowerBound
            for ch in s.text {
                let len = ch.utf8.count
                if ch.isLetter, !covered.covers(off..<(off + len)) {
                    rest += 1
                    if rest > 6 { return false }
                }
                off += len
            }
            return true
        }
        var covered = CoverSweep(hits.map(\.range))
        var words = 0
        for (k, t) in s.tokens.enumerated() where t.first.map({ $0.isLetter }) ?? false {
            if covered.covers(s.tokenRanges[k]) { continue }
            words += 1
            if words > 2 { return false }
        }
        return true
    }

    /// Whether ranges asked in increasing order lie inside one of a set of ranges: one pass over
    /// both (a long sentence with many filler hits stays linear).
    struct CoverSweep {
        let ranges: [Range<Int>]
        var next = 0
        var reach = Int.min

        init(_ ranges: [Range<Int>]) { self.ranges = ranges.sorted { $0.lowerBound < $1.lowerBound } }

        /// `r` must not start before the previous range asked.
        mutating func covers(_ r: Range<Int>) -> Bool {
            while next < ranges.count, ranges[next].lowerBound <= r.lowerBound {
                reach = max(reach, ranges[next].upperBound)
                next += 1
            }
            return reach >= r.upperBound
        }
    }

    /// The message's closing signature: up to three last lines of at most six words, without
    /// closing punctuation, whose words are all capitalised (names) or small joining words
    /// (“The Harbor Goods Team”, “Sarah / Customer Care, Cozy Nest Bedding”, “Ihr Team von
    /// Waldhaus Naturwaren”). A line such as “Returns accepted within 30 days” is not one.
    static func signatureLines(_ sentences: [PreparedSentence]) -> Set<Int> {
        var out = Set<Int>()
        for i in sentences.indices.reversed() {
            guard out.count < 3 else { break }
            let s = sentences[i]
            guard !s.hasCJK, let last = s.text.last(where: { !$0.isWhitespace }), !".!?…".contains(last) else { break }
            let words = s.text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "-" && $0 != "&" })
            guard !words.isEmpty, words.count <= 6,
                  words.allSatisfy({ w in w.first?.isUppercase == true || joiningWords.contains(w.lowercased()) }) else { break }
            out.insert(i)
        }
        return out
    }

    static let joiningWords: Set<String> = ["of", "the", "and", "&", "von", "und", "der", "die", "das", "de", "du", "des", "la", "le", "les", "et",
                                            "del", "y", "di", "da", "e", "team", "support", "service"]

    /// Japanese honorifics after a name.
    static let honorifics = ["様", "さま", "殿", "さん", "御中"]

    /// Absolute ranges of the order ids (`123-1234567-1234567`) and order-id placeholders of a sentence.
    static func orderIDRanges(_ s: SentenceView, placeholders: PlaceholderMatcher?) -> [Range<Int>] {
        let base = s.range.lowerBound
        var out = URLScanner.orderIDs(in: s.text).map { ($0.utf8Range.lowerBound + base)..<($0.utf8Range.upperBound + base) }
        if let pm = placeholders {
            for p in pm.placeholders(in: s.text) where pm.isOrderIDPlaceholder(p.text) {
                out.append((p.utf8Range.lowerBound + base)..<(p.utf8Range.upperBound + base))
            }
        }
        return out
    }

    /// The sentences cut at their line breaks: the message's type is judged line by line, so a
    /// sentence that runs on across a line (“Thank you for your order,⏎the blue model comes with
    /// …”) keeps its information apart from its thanks.
    static func lines(_ sentences: [PreparedSentence], placeholders: PlaceholderMatcher) -> [PreparedSentence] {
        guard sentences.contains(where: { $0.text.utf8.contains(0x0A) }) else { return sentences }
        var out: [PreparedSentence] = []
        for s in sentences {
            guard s.text.utf8.contains(0x0A) else { out.append(s); continue }
            let bytes = Array(s.text.utf8)
            var start = 0
            func emit(_ end: Int) {
                var a = start, b = end
                while a < b, ASCII.isHTMLSpace(bytes[a]) { a += 1 }
                while b > a, ASCII.isHTMLSpace(bytes[b - 1]) { b -= 1 }
                if b > a {
                    let text = String(decoding: bytes[a..<b], as: UTF8.self)
                    let base = s.range.lowerBound
                    out.append(PreparedSentence(TextSegment(text: text, utf8Range: (base + a)..<(base + b), kind: .sentence),
                                                placeholders: placeholders))
                }
            }
            for (i, c) in bytes.enumerated() where c == 0x0A {
                emit(i)
                start = i + 1
            }
            emit(bytes.count)
        }
        return out
    }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let whole = context.sentences
        guard !whole.isEmpty else { return }
        // A permitted purpose or a real question to the buyer, read in whole sentences (a wrapped
        // “let us know⏎your preferred delivery date” asks as much as one on one line).
        let permitted = PhrasePacks.section("permitted")
        if whole.contains(where: { permitted.contains(in: $0) }) { return }
        let softCues = NonPermittedMessageRule.soft.map { PhrasePacks.section("type." + $0) }
        // A real question to the buyer (not “Any questions?”) asks for information: permitted. A
        // question a `<br>` cut (“Which day suits you<br>for the delivery?”) counts the words of
        // the lines before it that end without punctuation.
        let text = context.text.text.utf8
        for (i, s) in whole.enumerated() where !softCues.contains(where: { $0.contains(in: s) }) {
            guard let last = s.text.last, last == "?" || last == "？" else { continue }
            var words = s.wordCount
            var j = i - 1
            while words < 4, j >= 0, let end = whole[j].text.last, !".!?:。！？".contains(end),
                  text[text.index(text.startIndex, offsetBy: whole[j].range.upperBound)..<text.index(text.startIndex, offsetBy: whole[j + 1].range.lowerBound)].filter({ $0 == 0x0A }).count == 1 {
                words += whole[j].wordCount
                j -= 1
            }
            if words >= 4 { return }
        }
        let sentences = NonPermittedMessageRule.lines(whole, placeholders: context.placeholders)
        var hits: [String: [(sentence: Int, hit: PhraseHit)]] = [:]
        for c in NonPermittedMessageRule.strong + NonPermittedMessageRule.soft {
            let idx = PhrasePacks.section("type." + c)
            for (i, s) in sentences.enumerated() {
                for h in idx.hits(in: s) { hits[c, default: []].append((i, h)) }
            }
        }
        let filler = PhrasePacks.section("filler")
        let signature = NonPermittedMessageRule.signatureLines(sentences)
        let substantive = sentences.indices.filter {
            !signature.contains($0) && !NonPermittedMessageRule.isFiller(sentences[$0], filler: filler, placeholders: context.placeholders)
        }
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
            // Every substantive sentence (worked out above) must be one of the covered ones.
            guard Set(substantive).isSubset(of: covered) else { return }
            decided = (hits["here-to-help"]?.isEmpty ?? true) ? "thank-you" : "here-to-help"
        }
        guard let category = decided, let list = hits[category], let first = list.first else { return }
        // A manual or tips the buyer asked for (“the manual you asked for”, お問い合わせいただいた…) is
        // a reply, not proactive service; a reply cue excuses nothing else (“the refund you requested
        // has been processed” is still a refund confirmation).
        if category == "proactive-service", sentences.contains(where: { PhrasePacks.section("reply").contains(in: $0) }) { return }
        let phrases = ContentFindings.phrases(list.map(\.hit))
        let s = sentences[first.sentence]
        report.report("The message as a whole is \(NonPermittedMessageRule.label(category)) (\(phrases)), which Amazon does not permit: \(ContentFindings.quote(s.text))",
                      at: ContentFindings.range(s.range, context), evidence: "category: \(category); phrases: \(phrases)")
    }
}
