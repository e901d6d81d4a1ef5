import BSMDocument
import BSMEngine
import BSMText
import Foundation

/// `review-incentive`: a review/feedback/rating request and an incentive in the same sentence.
public struct ReviewIncentiveRule: Rule {
    public static let metadata = RuleMetadata(
        id: "review-incentive",
        name: "Review incentive",
        category: .content,
        defaultSeverity: .error,
        summary: "A sentence asks for a review, feedback or rating and offers an incentive (free product, discount, gift card, refund, money, giveaway, future benefit)",
        rationale: """
        Amazon forbids language that incentivises or persuades the buyer to leave a review or feedback: compensation, \
        money, gift cards, free or discounted products, refunds, rebates, reimbursements, future benefits or sweepstakes \
        (content rule 1). Such messages are blocked and the reviews removed.
        """,
        fix: "Ask for a review without offering anything in return, in a sentence of its own.",
        decisions: [
            "What a sentence is: it ends at `.`, `!`, `?`, `…`, `。` (not after an abbreviation such as `e.g.`, `z. B.`, `p. ex.`), at a block boundary (`<p>`, `<td>`, `<div>` …) and at a blank line; a line break of the HTML source is a space, as browsers show it; a `<br>` ends the sentence unless the line ends in a comma, semicolon or dash, or in an article or preposition (“leave us a<br>5-star review”), or the next line starts with a conjunction (“…review<br>and get a gift card”) — “If you are happy with your purchase,<br>please leave a review” is one sentence, “1. Return it<br>2. …”, “Leave a review<br>free returns …” and “Thanks<br>The team” are not; a line of plain text or of `<pre>` goes on also after a word when the next line starts in lower case (or, for a hard-wrapped line of 50 characters or more, in a capital: “… your new⏎BrewMaster kettle”); after a comma that ends a line of four words or more, even into a capital (“If you are happy with your purchase,⏎Please leave …”), never after a greeting (“Hi John,⏎Thank you”); `、` always goes on; an `<hr>` always ends it.",
            "Incentive words that name the product or the purchase are no offer (`not-incentive`: “the Free Spirit Yoga Mat”, “sugar free syrup”, “Gift Card Holder”, “the gift you bought”) unless a giving word stands just before them (“we'll send you a gift set”); and a statement that nothing is offered covers the rest of its clause (`no-offer`: “we never offer refunds or gifts in exchange for reviews”), but not what follows a comma or “but” (“We cannot offer express shipping, but leave a review and we will refund your shipping” is reported).",
            "Matching is per sentence: a review *request* and an incentive must occur in the same sentence; a discount in one sentence and a review request in another is `promotional-content`, not this rule.",
            "A request is a review, feedback, rating or star word in an asking context (section `review-request` of the phrase packs), not the bare word: leave/write/post/give/share/submit … a review, feedback or rating; “would appreciate / would love a … review”; “rate us”, “rate our product”, “review us / our product / your purchase”; “in exchange for / as a thank-you for … your rating”, “every reviewer”, “customers who leave / every customer who leaves … a review”; laisser/donner/partager un avis, notez-nous; eine Bewertung abgeben/schreiben/hinterlassen, bewerten Sie, für Ihre Bewertung, über Ihre Bewertung freuen; lasciare/scrivere una recensione, valutaci; dejar/escribir una reseña/opinión/valoración, califique; レビュー…お願い/書いて/投稿.",
            "“Review” as a verb with another object (“please review the proof / the attached invoice”, “we will review your return request”), “rating” as a specification (“IP67 rating”), French *avis* as a notice (“avis de passage”, “l'avis du transporteur”), and *Bewertung*/*valutazione*/*valoración* as an assessment (“Bewertung des Schadens”, “valutazione del reso”) are no requests and pass (section `not-review` blocks the notice and assessment phrases).",
            "Incentives (free, gift card, discount, refund, rebate, money, coupon, next order, gratis, cadeau, Gutschein, sconto, 無料, クーポン …) include sweepstakes (giveaway, “chance to win”, Gewinnspiel, 抽選) and future benefits (extended warranty, early access, Garantieverlängerung, accesso anticipato, 保証延長). “Feel free”, “hassle-free”, “free to” and their equivalents are not incentives.",
            "Money is an incentive when it is offered: an amount (`$5`, `5 €`, `€5,00`, `EUR 5`, `5 dollars`, `10 euros`, `500円`) with a paying word at most three words before it (pay, get, receive, earn, erhalten, bekommen, recibirá, recevez, riceverai … — section `pay`) or a giving word right after it (back, zurück, offerts, 差し上げ … — section `pay-after`): “we will pay you $5”, “get 5 dollars”, “Sie erhalten 5 € zurück”. An amount that is only a price (“a review of the $25 kettle”, “your $40 order”) is no incentive.",
            "A sentence that asks to remove or change a review (“please consider updating your feedback to reflect the refund”, “take down your review now that we have refunded you”) is reported by `review-removal` only: the refund is the remedy for a problem, not payment for a review, and one error per sentence is enough.",
            "The phrase packs (Data/phrases/<lang>.txt) of all six languages (en, es, fr, de, it, ja) are matched on every sentence, case-, accent- and width-insensitively, on word boundaries; Japanese matches without spaces.",
            "The finding is reported at the start of the sentence and quotes it with the incentive words found; the evidence names the request phrase.",
        ],
        failing: [
            RuleExample("<p>↓Leave a review and receive a gift-card.</p>", note: "Hyphenated spellings: gift-card, carte-cadeau, Amazon-Gutschein."),
            RuleExample("<p>↓Hinterlassen Sie eine Bewertung und erhalten Sie einen Amazon-Gutschein.</p>"),
            RuleExample("<p>↓Laissez un avis et recevez une carte-cadeau Amazon.</p>"),
            RuleExample("<p>↓We will send you a $10 Amazon gift card for your honest feedback.</p>", note: "Something given for the buyer's feedback asks for it."),
            RuleExample("<p>↓Hinterlassen Sie eine Bewertung, z. B. auf Amazon, und erhalten Sie einen Gutschein.</p>", note: "`z. B.` (with its space) does not end the sentence."),
            RuleExample("<p>↓Please leave a review, regardless of your experience, and we will send you a $10 gift card.</p>"),
            RuleExample("<p>↓We cannot offer express shipping, but leave a review and we will refund your shipping.</p>"),
            RuleExample("<p>↓Leave a review and we will send you a small gift for your time.</p>"),
            RuleExample("<p>↓Leave a review and we will mail you a gift set.</p>"),
            RuleExample("<p>Thanks for your order. ↓Leave a 5-star review and get a free gift card!</p>"),
            RuleExample("<p>↓Write a review and we will refund 10% of your purchase.</p>"),
            RuleExample("<p>Hola. ↓Deja tu reseña y recibirás un cupón de descuento.</p>"),
            RuleExample("<p>↓Laissez un avis et recevez un cadeau gratuit.</p>"),
            RuleExample("<p>↓Für Ihre Bewertung erhalten Sie einen Gutschein.</p>"),
            RuleExample("<p>↓レビューを書いていただいた方に無料でプレゼントを差し上げます。</p>"),
            RuleExample("Your order 123-1234567-1234567 is here.\n\n↓Post your feedback for a chance to win our monthly giveaway.", kind: .text),
            RuleExample("<p>↓Rate our product and receive a discount.</p>", note: "“Rate our product” is a request."),
            RuleExample("<p>↓Post your feedback for a chance to win an iPad.</p>", note: "A sweepstake."),
            RuleExample("<p>↓Leave a review and we will extend your warranty by one year.</p>", note: "A future benefit."),
            RuleExample("<p>↓Customers who write a review get early access to our new products.</p>", note: "A future benefit."),
            RuleExample("<p>↓Leave a review and we will pay you $5.</p>", note: "Money, as an amount."),
            RuleExample("<p>↓Für Ihre Bewertung erhalten Sie 5 € zurück.</p>"),
            RuleExample("<p>↓Every customer who leaves a review gets a free gift.</p>", note: "“Who leaves a review” is a request in the singular too."),
        ],
        passing: [
            RuleExample("<div style=\"white-space: pre-wrap\">Leave a review if you like\nFree returns within 30 days on every order</div>", note: "`white-space: pre-wrap` keeps its lines: a list, not one sentence."),
            RuleExample("<p>Wir würden uns über Ihre ehrliche Bewertung der Geschenkbox freuen.</p>", note: "Gift packaging as the product."),
            RuleExample("<p>We would appreciate your honest review; we never offer refunds or gifts in exchange for reviews.</p>", note: "A statement that nothing is offered: what follows it is no offer."),
            RuleExample("<p>Could you leave a review of the gift you bought for your daughter?</p>", note: "The purchase was a gift."),
            RuleExample("<p>Would you share a review of the Free Spirit Yoga Mat, the Gift Card Holder or the sugar free syrup?</p>", note: "Product names and free-from products."),
            RuleExample("<p>Please share your honest experience with the product on Amazon.</p>", note: "A permitted review request: no incentive."),
            RuleExample("<p>Your order ships with free shipping.</p>", note: "An incentive word without a review request."),
            RuleExample("<p>Feel free to leave a review if you have a moment.</p>", note: "“Feel free” is not an incentive."),
            RuleExample("<p>Nos encantaría conocer tu opinión. El envío es gratis.</p>", note: "Review word and incentive are in different sentences."),
            RuleExample("<p>Wir freuen uns über Ihre ehrliche Bewertung.</p>"),
            RuleExample("<p>We will review your return request and issue a full refund within two days.</p>", note: "“Review” as a verb: no review request."),
            RuleExample("<p>Please review the attached invoice; the refund for the missing part is shown on the second line.</p>", note: "“Review” as a verb."),
            RuleExample("<p>The IP67 rating means the free cover is not needed.</p>", note: "A rating as a specification."),
            RuleExample("<p>Le transporteur a laissé un avis de passage ; la nouvelle livraison est gratuite.</p>", note: "An *avis de passage* is a delivery notice."),
            RuleExample("<p>Nach Prüfung und Bewertung des Schadens erhalten Sie eine kostenlose Ersatzlieferung.</p>", note: "*Bewertung* as an assessment."),
            RuleExample("<p>Dopo la valutazione del reso riceverà un rimborso completo.</p>", note: "*Valutazione* as an assessment."),
            RuleExample("<p>Tras la valoración de su devolución recibirá un reembolso completo.</p>", note: "*Valoración* as an assessment."),
            RuleExample("<p>Please consider updating your feedback to reflect the refund.</p>", note: "A removal request: reported by `review-removal`, not here."),
            RuleExample("<p>Please leave a review of the $25 kettle you received.</p>", note: "A price, not money offered."),
            RuleExample("<p>We would appreciate a review of your $40 order.</p>", note: "A price, not money offered."),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Content 1"
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.text, .sentences]) }

    /// A money amount: a currency sign or code before or after a number (`$5`, `5 €`, `€5,00`,
    /// `EUR 5`, `500円`), or a number and a currency word (`5 dollars`, `10 euros`).
    static let amountPattern: NSRegularExpression? = try? NSRegularExpression(
        pattern: "(?:[$€£¥￥]\\s?\\d+(?:[.,]\\d+)?)|(?:\\b(?:eur|usd|gbp|chf)\\s?\\d+(?:[.,]\\d+)?)|(?:\\d+(?:[.,]\\d+)?\\s?(?:[$€£¥￥円]|ドル|ユーロ|(?:us\\s?)?dollars?\\b|bucks\\b|euros?\\b|eur\\b|usd\\b|gbp\\b|pounds?\\b|d[oó]lares\\b|dollari\\b))",
        options: [.caseInsensitive])

    /// Money offered to the buyer: an amount with a `pay` word (pay, get, receive, erhalten,
    /// recevez, ricevi …) at most three words before it, or a `pay-after` word (back, zurück,
    /// offerts, 差し上げ …) right after it. “The $25 kettle” alone is no incentive.
    static func moneyOffered(in s: SentenceView) -> [PhraseHit] {
        guard let re = amountPattern, s.text.unicodeScalars.contains(where: { $0.properties.numericType != nil }) else { return [] }
        let ns = s.text as NSString
        let matches = re.matches(in: s.text, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return [] }
        let before = PhrasePacks.section("pay").hits(in: s)
        let after = PhrasePacks.section("pay-after").hits(in: s)
        guard !before.isEmpty || !after.isEmpty else { return [] }
        func wordsBetween(_ from: Int, _ to: Int) -> Int {
            s.tokenRanges.filter { $0.lowerBound >= from && $0.upperBound <= to }.count
        }
        var out: [PhraseHit] = []
        for m in matches {
            let text = ns.substring(with: m.range)
            let lo = ns.substring(to: m.range.location).utf8.count + s.range.lowerBound
            let r = lo..<(lo + text.utf8.count)
            let cjkNear = { (h: PhraseHit) -> Bool in h.phrase.unicodeScalars.contains(where: NormalizedText.isCJKScalar) }
            let offered = before.contains { h in
                h.range.upperBound <= r.lowerBound && (cjkNear(h) ? r.lowerBound - h.range.upperBound <= 12 : wordsBetween(h.range.upperBound, r.lowerBound) <= 3)
            } || after.contains { h in
                h.range.lowerBound >= r.upperBound && (cjkNear(h) ? h.range.lowerBound - r.upperBound <= 12 : wordsBetween(r.upperBound, h.range.lowerBound) <= 1)
            }
            if offered { out.append(PhraseHit(phrase: text, language: "", range: r)) }
        }
        return out
    }

    /// From a phrase to the end of its clause in the sentence: the next comma, semicolon, colon
    /// or “but”/“however”, else the sentence's end (text-model offsets).
    static func clauseReach(of r: Range<Int>, in s: SentenceView) -> Range<Int> {
        let bytes = Array(s.text.utf8)
        var i = max(0, r.upperBound - s.range.lowerBound)
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x2C || c == 0x3B || c == 0x3A { break }
            if c == 0x20, i + 5 <= bytes.count {
                let w = bytes[(i + 1)..<min(bytes.count, i + 9)].map { $0 | 0x20 }
                if w.starts(with: Array("but ".utf8)) || w.starts(with: Array("however".utf8)) { break }
            }
            i += 1
        }
        return r.lowerBound..<(s.range.lowerBound + i)
    }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let review = PhrasePacks.section("review")
        let incentive = PhrasePacks.section("incentive")
        let excluded = PhrasePacks.section("not-incentive")
        let noOffer = PhrasePacks.section("no-offer")
        let pay = PhrasePacks.section("pay")
        for s in context.sentences {
            let requests = ReviewRequests.hits(in: s)
            guard !requests.isEmpty else { continue }
            // A sentence that asks to remove or change a review is review-removal's.
            guard ReviewRemovalRule.requests(in: s).isEmpty else { continue }
            let reviews = review.hits(in: s)
            let excl = excluded.hits(in: s)
            // “We never offer refunds or gifts in exchange for reviews”: what a statement that
            // nothing is offered reaches (to the end of its clause) is no offer.
            let denied = noOffer.hits(in: s).map { ReviewIncentiveRule.clauseReach(of: $0.range, in: s) }
            // A product name or purchase (“gift set”, “the gift you bought”) is no incentive,
            // unless something is given right before it (“we'll send you a gift set”).
            let pays = pay.hits(in: s)
            let given = { (x: Range<Int>) -> Bool in
                pays.contains { p in p.range.upperBound <= x.lowerBound && s.tokenRanges.filter { $0.lowerBound >= p.range.upperBound && $0.upperBound <= x.lowerBound }.count <= 3 }
            }
            var incentives = incentive.hits(in: s).filter { h in
                !excl.contains { $0.range.overlaps(h.range) && !given($0.range) } && !reviews.contains { $0.range.overlaps(h.range) }
                    && !denied.contains { $0.contains(h.range.lowerBound) }
            }
            incentives += ReviewIncentiveRule.moneyOffered(in: s).filter { m in
                !denied.contains { $0.contains(m.range.lowerBound) } && !incentives.contains { $0.range.overlaps(m.range) }
            }
            incentives.sort { $0.range.lowerBound < $1.range.lowerBound }
            guard !incentives.isEmpty else { continue }
            report.report("Review request with an incentive (\(ContentFindings.phrases(incentives))) in \(ContentFindings.quote(s.text)): Amazon forbids rewarding reviews",
                          at: ContentFindings.range(s.range, context),
                          evidence: "request: \(ContentFindings.phrases(requests)); incentive: \(ContentFindings.phrases(incentives))")
        }
    }
}
